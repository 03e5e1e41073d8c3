package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.db.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service nodes on one PostgreSQL form a Quartz cluster by configuration alone: a job submitted to either is
 * released exactly once, on whichever node takes its trigger, and both nodes see the same jobs and ledger.
 */
class ClusterTest {

    @TempDir
    Path data;

    @Test
    void twoNodesOnOnePostgres_shareJobsAndReleaseEachJobOnce() throws Exception {
        Map<String, String> env = Map.of("GREENWINDOW_DB_URL", TestDatabases.postgresUrl(),
                "GREENWINDOW_DB_USER", "postgres", "GREENWINDOW_DB_PASSWORD", "postgres",
                "GREENWINDOW_CLUSTERED", "true");
        try (ServiceProcess a = ServiceProcess.start(data.resolve("a"), with(env, "GREENWINDOW_NODE", "node-a"));
             ServiceProcess b = ServiceProcess.start(data.resolve("b"), with(env, "GREENWINDOW_NODE", "node-b"))) {
            UnaryOperator<String> quick = y -> y.replace("epochs: 40", "epochs: 5");
            String first = a.submit("iris-classifier.yaml", quick, "PT10M");
            String second = b.submit("iris-classifier.yaml", quick, "PT10M");

            for (String id : new String[] {first, second}) {
                JsonNode job = b.awaitJob(id, ServiceProcess::finished, Duration.ofSeconds(600));
                assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
                a.awaitJobEntry(id, Duration.ofSeconds(180));
                long runs = 0;
                for (JsonNode event : job.path("events")) {
                    runs += "RUNNING".equals(event.path("to").asText()) ? 1 : 0;
                }
                assertThat(runs).as("released exactly once").isEqualTo(1);
                assertThat(a.job(id).path("state").asText()).isEqualTo("COMPLETED");
            }
            assertThat(a.get("/api/ledger?format=json")).contains(first).contains(second);
            assertThat(a.get("/api/ledger/verify")).contains("true");
        }
    }

    @Test
    void nodeKilledWhileTraining_survivingNodeOfTheZoneTakesTheJobOver() throws Exception {
        Map<String, String> env = Map.of("GREENWINDOW_DB_URL", TestDatabases.postgresUrl(),
                "GREENWINDOW_DB_USER", "postgres", "GREENWINDOW_DB_PASSWORD", "postgres",
                "GREENWINDOW_CLUSTERED", "true", "GREENWINDOW_NODE_TIMEOUT", "PT6S");
        try (ServiceProcess a = ServiceProcess.start(data.resolve("a"), with(env, "GREENWINDOW_NODE", "node-a"));
             ServiceProcess b = ServiceProcess.start(data.resolve("b"), with(env, "GREENWINDOW_NODE", "node-b"))) {
            String id = a.submit("char-lstm.yaml", y -> y, "PT15M");
            JsonNode running = a.awaitJob(id, j -> "RUNNING".equals(j.path("state").asText()), Duration.ofSeconds(300));
            String first = running.path("node").asText();
            assertThat(first).isIn("node-a", "node-b");
            ServiceProcess victim = first.equals("node-a") ? a : b;
            ServiceProcess survivor = victim == a ? b : a;

            victim.kill();

            JsonNode job = survivor.awaitJob(id, ServiceProcess::finished, Duration.ofSeconds(900));
            assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
            assertThat(job.path("node").asText()).isNotEqualTo(first);
            assertThat(job.path("events").toString()).contains("taken over").contains("node " + first + " last answered");
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
