package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Shows one job: state and reason, plan, triggers waiting, and the history of its states.")
public final class JobCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin
    ServerOption server;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Option(names = "--follow", description = "After the job, print each new event and progress report as it"
            + " happens until the job ends (waits through a service restart)")
    boolean follow;

    @Override
    public Integer call() throws IOException {
        String body = server.client().get("/api/jobs/" + id);
        if (json) {
            System.out.println(body);
            return 0;
        }
        JsonNode job = JsonMapping.json().readTree(body);
        System.out.printf("job %s  %s (%s, team %s)%n", job.path("id").asText(), job.path("name").asText(),
                job.path("kind").asText(), job.path("team").asText());
        System.out.printf("state     %s: %s%n", job.path("state").asText(), Text.reason(job));
        System.out.printf("by        submitted by %s%s%n", job.path("submittedBy").asText("unknown"),
                job.path("cancelledBy").isTextual() ? ", cancelled by " + job.path("cancelledBy").asText() : "");
        System.out.printf("submitted %s   deadline %s   estimated %s   zones %s   gpus %d%s%n",
                Text.minute(job.path("submittedAt").asText()), Text.minute(job.path("deadline").asText()),
                job.path("estimatedDuration").asText(), job.path("zones").toString(), job.path("gpus").asInt(),
                job.path("interruptible").asBoolean() ? "   interruptible" : "");
        JsonNode plan = job.path("plan");
        if (plan.isObject()) {
            System.out.printf("plan      %s in %s, %d segment(s), policy %s%n", plan.path("decision").asText(),
                    plan.path("zone").asText(), plan.path("segments").size(), plan.path("policy").asText());
            for (JsonNode s : plan.path("segments")) {
                System.out.printf("          %s → %s  %s%n", Text.minute(s.path("start").asText()),
                        Text.minute(s.path("end").asText()), s.path("zone").asText());
            }
        }
        if ("RUNNING".equals(job.path("state").asText()) && job.path("node").isTextual()) {
            System.out.printf("node      %s%n", job.path("node").asText());
        } else if (job.path("plannedNode").isObject()) {
            System.out.printf("node      %s%n", job.path("plannedNode").path("note").asText());
        }
        JsonNode progress = job.path("progress");
        if (progress.isObject()) {
            String end = progress.path("expectedEnd").isTextual() && !"COMPLETED".equals(job.path("state").asText())
                    && !"PAUSED".equals(job.path("state").asText())
                    ? ", expected end " + Text.minute(progress.path("expectedEnd").asText()) : "";
            System.out.printf("progress  %s%s%n", Text.safe(progress.path("line").asText()), end);
        }
        if ("PAUSED".equals(job.path("state").asText())) {
            System.out.printf("resumes   %s%n", job.path("resumesAt").isTextual()
                    ? Text.minute(job.path("resumesAt").asText()) + ", from its last checkpoint"
                    : "not planned yet: planned again for what is left");
        }
        if (!job.path("summary").isNull() && job.has("summary")) {
            System.out.printf("result    %s%n", job.path("summary").asText());
        }
        if (!job.path("modelPath").isNull() && job.has("modelPath")) {
            System.out.printf("model     %s%n", job.path("modelPath").asText());
        }
        System.out.println("history");
        for (JsonNode e : job.path("events")) {
            System.out.printf("  %s  %-9s %s%n", Text.minute(e.path("at").asText()), e.path("to").asText(),
                    Text.reason(e));
        }
        if (follow && !JobWatcher.isFinal(job.path("state").asText())) {
            System.out.println("following (Ctrl-C stops following, not the job)");
            JsonNode last = JobWatcher.standard(server.client()).follow(id, true, job.path("events").size());
            System.out.printf("job %s %s: %s%n", id, last.path("state").asText(), Text.reason(last));
        }
        return 0;
    }
}
