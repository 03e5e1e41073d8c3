package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A running interruptible job whose plan does not really change gets no history step at a new forecast: its
 * stored plan and releases stay as they are. Real H2 repository, release queue, news watch and planner (unlimited
 * capacity); the test marks the job started and paused as the runner would, at the times it chooses.
 *
 * <p>The job: 3 h of work, deadline 20 h after its submission at 06:00, checkpoint overhead 2 min (the default).
 */
class GoingOnHistoryTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    @AutoClose
    private final NewsRig rig = new NewsRig(clock);

    /**
     * The rest of a job paused 10 min after the re-plan asked it to (its checkpoint came then) is planned for 10 min
     * more work than the job has left, so once resumed it finishes 10 min before its stored rest ends. A forecast
     * that changes nothing must not re-plan it for that alone. By hand: at 07:00 the forecast moves the green hours
     * to 14:00-16:00 and the rest (2 h of work and a 2-min resume) is planned there (13:58-16:00 or 14:00-16:02).
     * The job pauses at 07:10 (ran 1 h 10 min), resumes at the rest's start (13:58 or 14:00), and at 14:30 has run
     * 1 h 42 or 1 h 40 min: 1 h 18 or 1 h 20 min left. Going on it ends at 15:48 or 15:50, in the green hours,
     * exactly as its stored rest would run it (it stops when its work is done). Compared whole, the stored rest
     * (90 or 92 min to 16:00 or 16:02) looked at least 8% dirtier than a fresh plan of the work left (80 min at 50
     * g/kWh), above the 5% a re-plan needs: the job got a "goes on" step at the next forecast though nothing changed.
     */
    @Test
    void resumedRest_longerThanTheWorkLeft_newForecastChangingNothing_noHistoryStep() {
        runningSince0600("j", false);
        clock.set(Instant.parse("2026-03-02T07:00:00Z"));
        rig.announce(NewsRig.greenBetween(14, 16, Instant.parse("2026-03-02T07:00:00Z")));
        assertThat(rig.news.check()).isEqualTo(1);
        StoredPlan rest = rig.assertPausingForRest("j", "re-planned on a new DE forecast (generated 07:00 UTC): "
                + "pausing at its next checkpoint: the rest of its work (about 2 h) is greener later: held until 1");
        Instant restStart = rest.segments().get(0).start();
        assertThat(restStart).isBetween(Instant.parse("2026-03-02T13:58:00Z"), Instant.parse("2026-03-02T14:00:00Z"));

        Instant pausedAt = Instant.parse("2026-03-02T07:10:00Z");
        clock.set(pausedAt);
        rig.jobs.recordOutcome("j", 1, null, "paused", null, pausedAt);
        assertThat(rig.jobs.transition("j", JobState.RUNNING, JobState.PAUSED, "paused at its checkpoint", pausedAt))
                .isTrue();
        clock.set(restStart);
        rig.releases.poke(); // the rig's queue polls hourly: told that its clock moved
        rig.awaitFired("RELEASE j 1");
        assertThat(rig.jobs.markStarted("j", JobState.PAUSED, "DE", "node-a", "resumed", restStart)).isTrue();
        int eventsAfterResume = rig.jobs.events("j").size();

        sameForecastGeneratedAt("14:30", "15:00", "15:30");

        assertThat(rig.jobs.events("j")).hasSize(eventsAfterResume);
        assertThat(rig.jobs.plan("j").orElseThrow().segments()).isEqualTo(rest.segments());
        assertThat(rig.jobs.get("j").state()).isEqualTo(JobState.RUNNING);
    }

    /**
     * An urgent job is always planned afresh (urgency overrides stickiness), and for a running one that means going
     * on now: a fresh plan of its work left and one resume, 07:00-09:02, which less the resume it does not need is
     * 07:00-09:00, its stored plan from now on. Nothing changes, so nothing is written, at every new forecast.
     */
    @Test
    void urgentRunningJob_freshPlanGoesOnExactlyAsStored_noHistoryStepAtAnyForecast() {
        runningSince0600("u", true);
        StoredPlan before = rig.jobs.plan("u").orElseThrow();
        int events = rig.jobs.events("u").size();

        sameForecastGeneratedAt("07:00", "07:30", "08:00");

        List<JobEvent> history = rig.jobs.events("u");
        assertThat(history).as("%s", history).hasSize(events);
        assertThat(rig.jobs.plan("u").orElseThrow().segments()).isEqualTo(before.segments());
    }

    /** At each hour the same forecast (green 14:00-16:00) generated anew: news on which no plan changes. */
    private void sameForecastGeneratedAt(String... hours) {
        for (String hour : hours) {
            Instant at = Instant.parse("2026-03-02T" + hour + ":00Z");
            clock.set(at);
            rig.announce(NewsRig.greenBetween(14, 16, at));
            assertThat(rig.news.check()).as("re-planned at %s", hour).isZero();
        }
    }

    /** Job {@code id} planned on green hours 06:00-09:00, released at 06:00 and running since; news noted. */
    private void runningSince0600(String id, boolean urgent) {
        rig.announce(NewsRig.greenBetween(6, 9, MIDNIGHT));
        Job job = rig.scheduling.insert(job(id, urgent), () -> rig.planner.plan(PlanRequests.of(job(id, urgent))));
        assertThat(job.plannedStart()).isEqualTo(clock.instant());
        assertThat(rig.news.check()).as("first look only takes note").isZero();
        rig.awaitFired("RELEASE " + id + " 0"); // taken by this (recording) node: the test starts the job itself
        assertThat(rig.jobs.markStarted(id, JobState.HELD, "DE", "node-a", "released", clock.instant())).isTrue();
    }



    private Job job(String id, boolean urgent) {
        Instant at = Instant.parse("2026-03-02T06:00:00Z");
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at,
                at.plus(Duration.ofHours(20)), Duration.ofHours(3), List.of("DE"), 0, true, 0, urgent, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, at);
    }
}
