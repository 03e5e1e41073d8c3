package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's reproduction 5: a job with {@code epochs: 2147483647} ran past its deadline and kept the node's only
 * slot, and the next job missed its deadline while its reason still said "run now". Now the next job says it is
 * queued behind it, the endless job is stopped with its reason once its deadline allows no more, and the next job
 * then runs and meets its deadline.
 */
class OverrunReproductionTest {

    @TempDir
    Path data;

    @Test
    void endlessJob_isStoppedAtItsDeadline_andTheQueuedJobRunsInTime() throws Exception {
        SettableClock clock = new SettableClock();
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        // No grid adapters: no forecast, so jobs run as soon as the slot allows. Node timeout 4 s: a beat a second.
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "solo", "DE", null, NodeLimits.defaults(),
                null, Duration.ofHours(6), Duration.ofSeconds(4));
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            String iris = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                    .replace("estimatedDuration: PT20M", "estimatedDuration: PT5M")
                    .replace("interruptible: true", "interruptible: false");
            // The most epochs a spec may ask for, one example a batch: far longer than the test runs.
            Job endless = service.jobs().submit(iris.replace("epochs: 40", "epochs: 10000")
                    .replace("batchSize: 16", "batchSize: 1"), "endless.yaml",
                    GreenwindowEndToEndTest.EXAMPLES, "PT20M");
            Job next = service.jobs().submit(iris.replace("epochs: 40", "epochs: 2"), "next.yaml",
                    GreenwindowEndToEndTest.EXAMPLES, "PT40M");
            // The slot is promised to the endless job for its 5-minute estimate from when it started (06:00 and a
            // second or so, later on a loaded machine: this clock runs); capacity is counted in whole minutes, so the
            // next job starts five or six minutes after that, its deadline 40 minutes after its own submission.
            assertThat(next.reason()).matches("queued: the one job slot in DE is planned until (06:0[5-9]) UTC; "
                    + "starts \\1 UTC, deadline 06:4[0-3] UTC");

            await(service, endless.id(), j -> j.state() == JobState.RUNNING);
            clock.advance(Duration.ofMinutes(21)); // past its estimate and its 06:20 deadline

            Job stopped = await(service, endless.id(), j -> j.state().isFinal());
            assertThat(stopped.state()).isEqualTo(JobState.FAILED);
            // Started about 06:00, so stopped at the first beat after 06:21, some 21 minutes in.
            assertThat(stopped.reason()).matches("stopped at 06:2[12] UTC: ran 2[12] min, past its 5 min estimate, "
                    + "and its deadline 06:20 UTC allows no more; .*");
            Job done = await(service, next.id(), j -> j.state().isFinal());
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(done.finishedAt()).isBeforeOrEqualTo(done.deadline());
        }
    }

    private static Job await(Greenwindow service, String id, Predicate<Job> done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Job job = service.jobs().get(id);
        while (!done.test(job)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out; job is " + job.state() + ": " + job.reason());
            }
            Thread.sleep(200);
            job = service.jobs().get(id);
        }
        return job;
    }
}
