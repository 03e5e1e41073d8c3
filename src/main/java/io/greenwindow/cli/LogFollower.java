package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * `logs --follow`: polls the latest segment's output and prints what was added since the last poll, moving on to
 * each new segment, until the job has ended and its output is all printed. The service returns only a bounded
 * tail, so output that grew by more than that between two polls is printed from the tail with a note.
 */
final class LogFollower {

    private final ServerClient client;
    private final PrintStream out;
    private final Duration poll;
    private final JobWatcher.Sleeper sleeper;
    private final ObjectMapper json = JsonMapping.json();

    LogFollower(ServerClient client, PrintStream out, Duration poll, JobWatcher.Sleeper sleeper) {
        this.client = client;
        this.out = out;
        this.poll = poll;
        this.sleeper = sleeper;
    }

    void follow(String id) throws IOException {
        int segment = 0;
        long printed = 0;
        while (true) {
            boolean ended = JobWatcher.isFinal(json.readTree(client.get("/api/jobs/" + id)).path("state").asText());
            JsonNode logs = json.readTree(client.get("/api/jobs/" + id + "/logs"));
            int latest = logs.path("segments").asInt();
            // Segments that began since the last poll: finish the one being printed, then take each new one whole.
            for (int n = Math.max(1, segment); n <= latest; n++) {
                JsonNode part = n == latest ? logs : json.readTree(client.get("/api/jobs/" + id + "/logs?segment=" + n));
                if (n != segment) {
                    out.println("--- segment " + n + " ---");
                    segment = n;
                    printed = 0;
                }
                printed = printNew(part, printed, ended || n < latest);
            }
            if (ended) {
                return;
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Prints the whole lines of {@code part} beyond {@code printed} (and a last partial line once {@code complete});
     * returns the new count printed.
     */
    private long printNew(JsonNode part, long printed, boolean complete) {
        long size = part.path("bytes").asLong();
        if (size <= printed) {
            return printed;
        }
        byte[] tail = part.path("text").asText().getBytes(StandardCharsets.UTF_8);
        long added = size - printed;
        if (added > tail.length) {
            out.println("[... " + (added - tail.length) + " bytes not shown ...]");
            added = tail.length;
        }
        byte[] fresh = Arrays.copyOfRange(tail, (int) (tail.length - added), tail.length);
        int upTo = fresh.length;
        if (!complete) {
            while (upTo > 0 && fresh[upTo - 1] != '\n') {
                upTo--; // a line still being written waits for the next poll
            }
        }
        out.print(Text.safeLines(new String(fresh, 0, upTo, StandardCharsets.UTF_8)));
        out.flush();
        return size - (fresh.length - upTo);
    }
}
