package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.EXAMPLES;
import static io.greenwindow.executor.slurm.SlurmServiceKit.await;
import static io.greenwindow.executor.slurm.SlurmServiceKit.awaitJobEntry;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-plan that pauses a RUNNING interruptible job for a greener rest ({@code PAUSING_FOR_REST}) with the Slurm
 * executor, on a real one-node Slurm 22.05: the pause due at once requeues the Slurm job held (the trainer
 * checkpoints on TERM), the job is PAUSED saying so, Slurm keeps it pending for the rest's planned start, and when
 * the service's clock reaches that start the rest runs from the checkpoint to the end.
 *
 * <p>What makes the re-plan move the job: it is submitted while the default policy says {@code maxDelay: PT0S}
 * (run at once), in an hour that a later hour of its 12-hour window beats by at least 15% on the forecast (the
 * replay of the shipped DE trace, without noise); the policy is then put back to the defaults and the zone
 * re-planned through the service's own {@code Replanner.replanOnNews}, as a news watch does. The rest (about 30 min
 * of work and a 2-min resume) is then at least 15% greener later, above the 5% a re-plan needs, and the greenest
 * hour of the window is picked to end well before the deadline less the work left, so the slack rule lets it pause.
 */
class SlurmRestPauseTest {

    @RegisterExtension
    static final OneNodeSlurmExtension oneNode = new OneNodeSlurmExtension();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @AfterEach
    void cancelEverything() {
        oneNode.cluster().run("scancel", "--user=root");
    }

    @Test
    void pausingForRest_requeuesTheSlurmJobHeld_pausedWithItsReason_thenResumesFromItsCheckpointAtTheRestsStart()
            throws Exception {
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));
        try (Greenwindow service = SlurmServiceKit.start(data, "head-node", "DE", null, clock,
                SlurmServiceKit.env(oneNode.cluster(), data))) {
            Instant hour = dirtyHourWithAGreenerOneLater(service);
            clock.set(hour);
            putDefaultPolicy(service, "{\"maxDelay\": \"PT0S\"}");
            Job job = service.jobs().submit(lstmInterruptible("lstm-rest", 4), "a.yaml", EXAMPLES, null);
            Path checkpoint = data.resolve("shared/jobs").resolve(job.id()).resolve("checkpoints/checkpoint.zip");
            await(service, job.id(), j -> j.state() == JobState.RUNNING && Files.exists(checkpoint),
                    Duration.ofSeconds(180));

            putDefaultPolicy(service, "{}");
            int changed = service.replanner().replanOnNews(Set.of("DE"), Reason.prefix(ReasonCode.REPLANNED));

            assertThat(changed).isEqualTo(1);
            List<JobEvent> events = service.jobs().events(job.id());
            JobEvent pausing = events.get(events.size() - 1);
            assertThat(pausing.why().cause().code()).isEqualTo(ReasonCode.PAUSING_FOR_REST);
            assertThat(pausing.reason()).startsWith("re-planned: pausing at its next checkpoint: the rest of its work "
                    + "(about ").contains(") is greener later: held until ");
            StoredPlan rest = service.jobs().plan(job.id()).orElseThrow();
            Instant restStart = rest.segments().get(0).start();
            assertThat(restStart).isAfter(clock.instant());

            Job paused = await(service, job.id(), j -> j.state() == JobState.PAUSED, Duration.ofSeconds(120));
            assertThat(paused.reason()).contains("checkpoint saved").contains("requeued held");
            SlurmJob waiting = oneNode.cluster().await("gw-" + job.id(),
                    j -> j.isPending() && "BeginTime".equals(j.reason()), Duration.ofSeconds(60));
            assertThat(waiting.restarts()).isEqualTo(1);

            clock.set(restStart); // the rest's release falls due on the service's clock
            Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));

            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
            assertThat(done.segmentsRun()).isEqualTo(2);
            List<JobEvent> history = service.jobs().events(job.id());
            assertThat(history.subList(0, 6)).extracting(JobEvent::to).containsExactly(JobState.SUBMITTED,
                    JobState.HELD, JobState.RUNNING, JobState.RUNNING, JobState.PAUSED, JobState.RUNNING);
            assertThat(history.get(history.size() - 1).to()).isEqualTo(JobState.COMPLETED);
            // Moving the clock to the rest's start brings the replay's forecast of that hour: news, on which the
            // running rest may be re-planned again; it goes on (it is the greenest), never pauses a second time.
            assertThat(history.subList(6, history.size() - 1)).allSatisfy(e -> assertThat(e.why().cause().code())
                    .isEqualTo(ReasonCode.GOING_ON_REPLANNED));
            JobEvent resumed = history.get(5);
            assertThat(resumed.at()).isAfterOrEqualTo(restStart);
            List<List<String>> runs = SlurmServiceKit.trainerPositions(
                    data.resolve("shared/jobs").resolve(job.id()));
            assertThat(runs).hasSize(2);
            assertThat(runs.get(1).get(0)).as("the rest starts where the checkpoint was written")
                    .isEqualTo(runs.get(0).get(runs.get(0).size() - 1)).isNotEqualTo("epoch 1/4, batch 0/10");
            assertThat(awaitJobEntry(service, job.id())).extracting(e -> e.content().kind())
                    .containsExactly(EntryKind.SEGMENT, EntryKind.SEGMENT, EntryKind.JOB);
        }
    }

    /**
     * The first hour h of 2026-03-02 (01:00 to 11:00) whose greenest later hour within h+1..h+9 is at least 15%
     * below h and strictly below every hour from h+10 to the end of a 12-hour deadline: read off the forecast, not
     * the planner.
     */
    private static Instant dirtyHourWithAGreenerOneLater(Greenwindow service) {
        Instant day = Instant.parse("2026-03-02T00:00:00Z");
        ForecastResult result = service.grid().signals().forecast("DE", day, day.plus(Duration.ofHours(36)));
        assertThat(result).isInstanceOf(ForecastResult.Forecast.class);
        Signal s = ((ForecastResult.Forecast) result).signal();
        for (int h = 1; h <= 11; h++) {
            Instant at = day.plus(Duration.ofHours(h));
            double best = Double.MAX_VALUE;
            for (int k = 1; k <= 9; k++) {
                best = Math.min(best, s.intensityAt(at.plus(Duration.ofHours(k))));
            }
            double late = Double.MAX_VALUE;
            for (int k = 10; k < 12; k++) {
                late = Math.min(late, s.intensityAt(at.plus(Duration.ofHours(k))));
            }
            if (best <= 0.85 * s.intensityAt(at) && best < late) {
                return at;
            }
        }
        throw new AssertionError("no such hour on " + day);
    }

    /** The char LSTM, interruptible, checkpointing every second, {@code epochs} epochs: 30 min estimated, 12 h due. */
    private static String lstmInterruptible(String name, int epochs) throws Exception {
        return Files.readString(EXAMPLES.resolve("char-lstm.yaml"))
                .replace("name: char-lstm", "name: " + name)
                .replace("epochs: 5", "epochs: " + epochs)
                .replace("checkpointEvery: PT30S", "checkpointEvery: PT1S");
    }

    /** Publishes the default policy through the API, as an admin. */
    private void putDefaultPolicy(Greenwindow service, String rules) throws Exception {
        String token = Files.readString(data.resolve("admin-token")).trim();
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + service.port() + "/api/policies/default"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(rules)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }
}
