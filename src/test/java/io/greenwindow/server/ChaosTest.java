package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.EntryStatus;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's chaos drill on the embedded default: 20 small jobs, the whole service killed with kill -9 at points
 * the seed picks and started again. The first kill lands right after a submission was acknowledged (201) while
 * the others are still to come; the later ones land while a job runs, just after a job finished, or just after
 * the ledger grew, each after a seeded extra delay. After every restart each acknowledged job must still be there
 * and the ledger must verify against its signed checkpoints (an entry signed before the kill must not have been
 * lost or rewritten); at the end no job is stuck, every entry is complete or says why not, every job has its JOB
 * entry, and the chain verifies.
 *
 * <p>Part of the default suite, because issue 10 is done only when this drill passes in CI. Run time on a shared
 * 2-core machine: 380 s and 470 s at load average 12 to 19 (seeds 20261207 and 42), 1142 s at load average about 30
 * (seed 7); each restart waits for orphaned trainers. The seed is printed; {@code -Dchaos.seed=N} replays another,
 * and {@code -Dchaos=false} leaves the drill out of a quick local run.
 */
class ChaosTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static final long SEED = Long.getLong("chaos.seed", 20261207L);
    private static final int JOBS = 20;
    private static final int KILLS = 5;
    /**
     * Half the jobs at once: each is a child JVM (~250 MB), so all 20 together would crowd a small CI machine; with
     * 10 slots the second half is planned one estimate (1 minute) later.
     */
    private static final int SLOTS = 10;
    private static final Map<String, String> ENV = Map.of("GREENWINDOW_CAPACITY", Integer.toString(SLOTS));

    private enum KillPoint { JOB_RUNNING, JOB_FINISHED, LEDGER_GREW }

    /** Kept when the drill fails: the service logs in it say what happened. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    @org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "chaos", matches = "false", disabledReason =
            "-Dchaos=false leaves out issue 10's chaos drill (minutes of 20 DL4J child JVMs and six service starts)")
    void killMinus9AtSeededPoints_noJobLostOrStuck_ledgerHonestAndIntact() throws Exception {
        Random random = new Random(SEED);
        System.out.println("ChaosTest seed " + SEED);
        List<String> ids = new ArrayList<>();
        List<String> log = new ArrayList<>();
        long began = System.nanoTime();
        ServiceProcess service = ServiceProcess.start(data, ENV);
        try {
            // Jobs run as soon as a slot is free instead of waiting for the real clock's greener hours (which made
            // the kill point "a job finished" wait up to a quarter of an hour); stored, so it holds after restarts.
            service.put("/api/policies/default", "{\"maxDelay\": \"PT0S\"}");
            // Kill 1: right after the seeded number of acknowledged submissions, the rest submitted after restart.
            int firstBatch = 1 + random.nextInt(JOBS - 1);
            for (int i = 0; i < JOBS; i++) {
                if (i == firstBatch) {
                    log.add("kill 1 after " + i + " acknowledged submissions");
                    service = restart(service, ids);
                }
                ids.add(submitTiny(service, i));
            }
            for (int kill = 2; kill <= KILLS; kill++) {
                ServiceProcess current = service;
                KillPoint kind = KillPoint.values()[random.nextInt(KillPoint.values().length)];
                long extraMillis = random.nextInt(1500);
                int finishedBefore = finished(current, ids);
                int entriesBefore = ledgerSize(current);
                BooleanSupplier point = switch (kind) {
                    case JOB_RUNNING -> () -> anyInState(current, ids, "RUNNING");
                    case JOB_FINISHED -> () -> finished(current, ids) > finishedBefore;
                    case LEDGER_GREW -> () -> ledgerSize(current) > entriesBefore;
                };
                await(current, ids, log, () -> point.getAsBoolean() || finished(current, ids) == JOBS,
                        Duration.ofSeconds(900), "the seeded kill point " + kill + " (" + kind + ")");
                Thread.sleep(extraMillis); // where in the work the kill lands, chosen by the seed, not a wait for it
                log.add("kill " + kill + " at " + kind + " + " + extraMillis + " ms, " + finished(current, ids)
                        + " jobs finished, " + ledgerSize(current) + " ledger entries");
                service = restart(service, ids);
            }
            ServiceProcess last = service;
            await(last, ids, log, () -> finished(last, ids) == JOBS, Duration.ofSeconds(1200), "every job to finish");

            for (String id : ids) {
                JsonNode job = last.job(id);
                assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
            }
            List<LedgerEntry> entries = LedgerJson.mapper().readValue(last.get("/api/ledger?format=json"),
                    new TypeReference<List<LedgerEntry>>() { });
            for (LedgerEntry e : entries) {
                EntryStatus status = e.content().status();
                assertThat(status).as("entry " + e.seq()).isIn(EntryStatus.COMPLETE, EntryStatus.PENDING,
                        EntryStatus.PARTIAL_ENERGY);
                if (status != EntryStatus.COMPLETE) {
                    assertThat(e.content().statusReason()).as("entry " + e.seq() + " says why it is not complete")
                            .isNotBlank();
                }
            }
            for (String id : ids) {
                assertThat(entries).as("the job entry of " + id)
                        .anyMatch(e -> e.content().jobId().equals(id) && e.content().kind() == EntryKind.JOB);
            }
            assertIntact(last, "at the end");
            System.out.printf("ChaosTest seed %d: %d jobs, %d kills, %d ledger entries, %.0f s%n  %s%n", SEED, JOBS,
                    KILLS, entries.size(), (System.nanoTime() - began) / 1e9, String.join("\n  ", log));
        } finally {
            service.close();
        }
    }

    /**
     * kill -9, wait for the trainers to notice, start again; then every acknowledged job must be there and the
     * ledger intact against the checkpoints signed before the kill.
     */
    private ServiceProcess restart(ServiceProcess service, List<String> acknowledged) throws Exception {
        List<ProcessHandle> trainers = service.process.toHandle().descendants().toList();
        service.kill();
        for (ProcessHandle trainer : trainers) {
            // A trainer notices its parent is gone and stops; one still starting its JVM notices once started,
            // which on a loaded 2-core machine can take minutes.
            trainer.onExit().get(300, TimeUnit.SECONDS);
        }
        ServiceProcess started = ServiceProcess.start(data, ENV);
        try {
            for (String id : acknowledged) {
                JsonNode job = started.job(id);
                assertThat(job.path("id").asText()).as("job " + id + ", acknowledged before the kill: " + job)
                        .isEqualTo(id);
            }
            assertIntact(started, "after a restart");
        } catch (AssertionError e) {
            started.kill(); // the caller still holds the killed one: never leave this one running
            throw e;
        }
        return started;
    }

    /** Waits for {@code condition}; on time-out says what the kills were and where each job stands. */
    private void await(ServiceProcess service, List<String> ids, List<String> log, BooleanSupplier condition,
            Duration timeout, String what) throws Exception {
        try {
            ServiceProcess.awaitTrue(condition, timeout, what);
        } catch (AssertionError e) {
            StringBuilder states = new StringBuilder(e.getMessage()).append(" (logs kept in ").append(data)
                    .append(")\n").append(String.join("\n", log));
            for (String id : ids) {
                JsonNode job = service.job(id);
                states.append("\n").append(id).append(' ').append(job.path("state").asText()).append(": ")
                        .append(job.path("reason").asText());
            }
            throw new AssertionError(states.toString(), e);
        }
    }

    private static void assertIntact(ServiceProcess service, String when) throws Exception {
        JsonNode verify = JSON.readTree(service.get("/api/ledger/verify"));
        assertThat(verify.path("problems")).as("ledger verify " + when + ": " + verify).isEmpty();
        assertThat(verify.path("intact").asBoolean()).as(verify.toString()).isTrue();
    }

    /** A tiny iris job (a few seconds of training), released at once, each with a slot of its own. */
    private static String submitTiny(ServiceProcess service, int i) throws Exception {
        return service.submit("iris-classifier.yaml", y -> y.replace("checkpointEvery: PT30S", "checkpointEvery: PT1S")
                .replace("epochs: 40", "epochs: 20")
                .replace("estimatedDuration: PT20M", "estimatedDuration: PT1M")
                .replace("interruptible: true", "interruptible: false")
                .replace("name: iris-classifier", "name: chaos-" + i), "PT3H");
    }

    private static int ledgerSize(ServiceProcess service) {
        try {
            return JSON.readTree(service.get("/api/ledger?format=json")).size();
        } catch (Exception e) {
            return -1; // not answering: not at a kill point
        }
    }

    private static int finished(ServiceProcess service, List<String> ids) {
        int n = 0;
        for (String id : ids) {
            try {
                if (ServiceProcess.finished(service.job(id))) {
                    n++;
                }
            } catch (Exception e) {
                return -1; // not answering: not at a kill point
            }
        }
        return n;
    }

    private static boolean anyInState(ServiceProcess service, List<String> ids, String state) {
        for (String id : ids) {
            try {
                if (service.job(id).path("state").asText().equals(state)) {
                    return true;
                }
            } catch (Exception e) {
                return false;
            }
        }
        return false;
    }
}
