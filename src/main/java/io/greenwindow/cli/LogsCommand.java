package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Prints the trainer's output of one segment of a job (the latest by default; its last 256 KiB).")
public final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--segment", paramLabel = "N", description = "Which segment, from 1 (default: the latest)")
    Integer segment;

    @Option(names = "--follow", description = "Keep printing the latest segment's output as it grows, until the job ends")
    boolean follow;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        if (follow) {
            new LogFollower(server.client(), System.out, JobWatcher.POLL, d -> Thread.sleep(d.toMillis())).follow(id);
            return 0;
        }
        String body = server.client().get("/api/jobs/" + id + "/logs" + (segment == null ? "" : "?segment=" + segment));
        JsonNode logs = JsonMapping.json().readTree(body);
        if (logs.path("segment").isNull() || logs.path("segment").isMissingNode()) {
            System.err.println("job " + id + " has not run yet: no trainer output");
            return 0;
        }
        System.err.printf("job %s segment %d of %d, %d bytes%s%n", id, logs.path("segment").asInt(),
                logs.path("segments").asInt(), logs.path("bytes").asLong(),
                logs.path("truncated").asBoolean() ? " (only the last " + logs.path("maxBytes").asInt() / 1024
                        + " KiB shown)" : "");
        // The trainer's own text, printed as it is but for control characters, which could drive the terminal.
        System.out.print(Text.safeLines(logs.path("text").asText()));
        return 0;
    }
}
