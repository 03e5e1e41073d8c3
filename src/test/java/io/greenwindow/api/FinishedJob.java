package io.greenwindow.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Runs one short urgent job through a real service to the end of its ledger entry (real DL4J training). */
final class FinishedJob {

    private FinishedJob() {
    }

    /** Submits an urgent one-minute iris job of team vision and waits (bounded) until its JOB entry is written. */
    static String run(ApiCaller admin) throws Exception {
        // The default policy lets urgent jobs skip waiting, so it runs at once.
        String urgent = RoleMatrixTest.visionYaml().replace("estimatedDuration: PT20M", "estimatedDuration: PT1M")
                .replace("interruptible: true", "interruptible: false, urgent: true").replace("epochs: 40", "epochs: 5");
        HttpResponse<String> run = admin.postJson("/api/jobs", Map.of("yaml", urgent, "source", "iris-urgent.yaml",
                "specDir", RoleMatrixTest.EXAMPLES.toString(), "deadline", "PT48H"));
        if (run.statusCode() != 201) {
            throw new AssertionError("submit answered " + run.statusCode() + ": " + run.body());
        }
        String id = ApiCaller.json(run).path("id").asText();
        // Bounded polling: a loaded machine may take long to start the training JVM; the job's entry is the end.
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (entry(admin, id) == null && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        JsonNode job = ApiCaller.json(admin.send("GET", "/api/jobs/" + id, null, null));
        if (!job.path("state").asText().equals("COMPLETED") || entry(admin, id) == null) {
            throw new AssertionError("job " + id + " did not complete with its ledger entry: " + job);
        }
        return id;
    }

    /** The newest figures of job {@code id}: its JOB entry, or the latest completion or correction of it; or null. */
    static JsonNode entry(ApiCaller admin, String id) throws Exception {
        JsonNode job = null;
        for (JsonNode e : ApiCaller.json(admin.send("GET", "/api/ledger?limit=1000", null, null))) {
            JsonNode c = e.path("content");
            if (c.path("jobId").asText().equals(id) && c.path("kind").asText().equals("JOB")) {
                job = e;
            } else if (job != null && c.path("completesSeq").asLong(-1) == job.path("seq").asLong()) {
                job = e;
            }
        }
        return job;
    }
}
