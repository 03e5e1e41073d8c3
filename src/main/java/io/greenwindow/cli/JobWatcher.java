package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls one job over the API until it ends, printing each new event and each new progress report as it appears.
 * A service that stops answering (a restart) is waited for, up to {@code patience}, with a message saying so.
 */
final class JobWatcher {

    /** How the watcher waits between polls; a parameter so that the waiting is not hidden in the loop. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final int BAR = 20;

    private final ServerClient client;
    private final PrintStream out;
    private final Duration poll;
    private final Duration patience;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean terminal;
    private final ObjectMapper json = JsonMapping.json();

    /** @param terminal draw progress as a bar redrawn in place; else one plain line per report (piped output) */
    JobWatcher(ServerClient client, PrintStream out, Duration poll, Duration patience, Clock clock, Sleeper sleeper,
            boolean terminal) {
        this.client = client;
        this.out = out;
        this.poll = poll;
        this.patience = patience;
        this.clock = clock;
        this.sleeper = sleeper;
        this.terminal = terminal;
    }

    static JobWatcher standard(ServerClient client) {
        return new JobWatcher(client, System.out, POLL, PATIENCE, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                System.console() != null);
    }

    /**
     * Follows job {@code id} until it is in a final state and returns its last JSON.
     *
     * @param printEvents print events and progress as they come (false: wait silently)
     * @param skipEvents how many of its events to leave unprinted (those already shown)
     */
    JsonNode follow(String id, boolean printEvents, int skipEvents) {
        int shown = skipEvents;
        String lastProgress = null;
        Instant unreachableSince = null;
        boolean barOnScreen = false;
        while (true) {
            JsonNode job;
            try {
                job = json.readTree(client.get("/api/jobs/" + id));
            } catch (ServerClient.Unreachable e) {
                Instant now = clock.instant();
                if (unreachableSince == null) {
                    unreachableSince = now;
                    barOnScreen = endBar(barOnScreen);
                    out.println("service unreachable (" + e.getMessage() + "); still waiting for job " + id
                            + ", for up to " + patience.toMinutes() + " min");
                } else if (Duration.between(unreachableSince, now).compareTo(patience) > 0) {
                    endBar(barOnScreen);
                    throw new CliException("gave up waiting for job " + id + ": the service has not answered since "
                            + Text.minute(unreachableSince.toString()));
                }
                pause();
                continue;
            } catch (java.io.IOException e) {
                throw new CliException("the service's answer about job " + id + " is not JSON: " + e.getMessage());
            }
            if (unreachableSince != null) {
                unreachableSince = null;
                out.println("service answering again; following job " + id);
            }
            JsonNode events = job.path("events");
            if (printEvents) {
                for (int i = shown; i < events.size(); i++) {
                    barOnScreen = endBar(barOnScreen);
                    JsonNode e = events.get(i);
                    out.printf("%s  %-9s %s%n", Text.minute(e.path("at").asText()), e.path("to").asText(),
                            Text.reason(e));
                }
                JsonNode p = job.path("progress");
                String line = p.path("line").asText(null);
                if (line != null && !line.equals(lastProgress)) {
                    lastProgress = line;
                    if (terminal) {
                        out.print("\r" + bar(p.path("fraction").asDouble()) + " " + Text.safe(line));
                        out.flush();
                        barOnScreen = true;
                    } else {
                        out.println("progress  " + Text.safe(line));
                    }
                }
            }
            shown = Math.max(shown, events.size());
            if (isFinal(job.path("state").asText())) {
                endBar(barOnScreen);
                return job;
            }
            pause();
        }
    }

    static boolean isFinal(String state) {
        return switch (state) {
            case "COMPLETED", "FAILED", "CANCELLED", "EXPIRED" -> true;
            default -> false;
        };
    }

    static String bar(double fraction) {
        int filled = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    private boolean endBar(boolean barOnScreen) {
        if (barOnScreen) {
            out.println();
        }
        return false;
    }

    private void pause() {
        try {
            sleeper.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting");
        }
    }
}
