package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Lists jobs, newest first, with their state and reason.")
public final class JobsCommand implements Callable<Integer> {

    @Mixin
    ServerOption server;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Option(names = "--limit", description = "At most this many jobs (default ${DEFAULT-VALUE})", defaultValue = "50")
    int limit;

    private static String zone(JsonNode job) {
        if (job.path("zone").isTextual()) {
            return job.path("zone").asText();
        }
        java.util.List<String> zones = new java.util.ArrayList<>();
        job.path("zones").forEach(z -> zones.add(z.asText()));
        return Text.cut(String.join(",", zones), 11);
    }

    @Override
    public Integer call() throws IOException {
        String body = server.client().get("/api/jobs?limit=" + limit);
        if (json) {
            System.out.println(body);
            return 0;
        }
        JsonNode jobs = JsonMapping.json().readTree(body);
        if (jobs.isEmpty()) {
            System.out.println("no jobs yet: submit one with 'greenwindow submit training-configs/iris-classifier.yaml'");
            return 0;
        }
        System.out.printf("%-12s  %-22s  %-9s  %-4s  %-11s  %-17s  %s%n", "ID", "NAME", "STATE", "DONE", "ZONE",
                "PLANNED START", "REASON");
        for (JsonNode job : jobs) {
            System.out.printf("%-12s  %-22s  %-9s  %-4s  %-11s  %-17s  %s%n", job.path("id").asText(),
                    Text.cut(job.path("name").asText(), 22), job.path("state").asText(),
                    job.path("progressPercent").isTextual() ? job.path("progressPercent").asText() : "-",
                    zone(job),
                    Text.minute(job.path("plannedStart").asText("")), Text.reason(job));
        }
        return 0;
    }
}
