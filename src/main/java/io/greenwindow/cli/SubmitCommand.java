package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submits a job spec (YAML, see training-configs/) and shows whether it is held or released, and why.")
public final class SubmitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The job spec, e.g. training-configs/iris-classifier.yaml")
    Path file;

    @Option(names = "--deadline", paramLabel = "DURATION|INSTANT",
            description = "Overrides schedule.deadline: an ISO-8601 duration from now (PT2H) or an instant (2026-11-30T08:00:00Z)")
    String deadline;

    @Option(names = "--allow-late",
            description = "Accept a deadline before the estimated end: the job runs at once and misses it")
    boolean allowLate;

    @Mixin
    ServerOption server;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S",
            description = "How long each attempt waits for the service's answer (ISO-8601, default ${DEFAULT-VALUE});"
                    + " after a timeout the submission is sent again with the same idempotency key, up to 3 times")
    java.time.Duration timeout;

    @Option(names = "--json", description = "Print the job as JSON")
    boolean json;

    @Option(names = "--wait", description = "Wait until the job ends (through a service restart); exit 0 only when it"
            + " completed, after printing its final line and its ledger summary")
    boolean await;

    @Override
    public Integer call() throws IOException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException("no such spec file: " + file);
        }
        ObjectMapper mapper = JsonMapping.json();
        ObjectNode request = mapper.createObjectNode();
        request.put("yaml", yaml);
        request.put("source", file.getFileName().toString());
        Path dir = file.toAbsolutePath().getParent();
        request.put("specDir", dir == null ? "" : dir.toString());
        if (deadline != null) {
            request.put("deadline", deadline);
        }
        if (allowLate) {
            request.put("allowLate", true);
        }
        String body;
        try {
            // One key per call: a retry after a timeout returns the job the first attempt stored, never a second.
            body = server.client(timeout).postIdempotent("/api/jobs", "application/json",
                    mapper.writeValueAsString(request));
        } catch (CliException e) {
            throw new CliException("job not submitted: " + e.getMessage());
        }
        JsonNode job = mapper.readTree(body);
        if (json) {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(job));
        } else {
            System.out.printf("job %s (%s) %s: %s%n", job.path("id").asText(), job.path("name").asText(),
                    job.path("state").asText(), Text.reason(job));
            if (!await) {
                System.out.println("follow it with: greenwindow job " + job.path("id").asText() + " --follow");
            }
        }
        if (!await) {
            return 0;
        }
        String id = job.path("id").asText();
        System.out.println("waiting for job " + id + " to end (Ctrl-C stops waiting, not the job)");
        JsonNode last = JobWatcher.standard(server.client()).follow(id, false, 0);
        return JobEnd.report(server.client(), last, System.out);
    }
}
