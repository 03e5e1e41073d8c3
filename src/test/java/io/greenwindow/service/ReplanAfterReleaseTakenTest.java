package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A release is taken from the queue, and the job is marked RUNNING a moment later by the node that starts it. A
 * re-plan in between (here {@link Replanner#makeRoomFor}, for a job submitted late) must not write a HELD-to-HELD
 * event and a new plan with its own release for the job being started. The two steps are driven in that bad order
 * by the test: the release queue's recording handler takes the release and does not start the job; the test marks
 * it started after the re-plan. Real H2, release queue, planning lock, scheduling and planner.
 */
class ReplanAfterReleaseTakenTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    @AutoClose
    private final NewsRig rig = new NewsRig(clock);

    @Test
    void makeRoomFor_afterTheReleaseWasTaken_writesNothingForThatJob_andLeavesNoReleaseOfANewPlan() {
        // 300 g/kWh all day but 50 from 10:00 to 11:00: a 1-h job due in 20 h is held until 10:00.
        rig.forecasts.put("DE", greenAt10());
        Job a = rig.scheduling.insert(job("a", Duration.ofHours(1), Duration.ofHours(20)),
                () -> rig.planner.plan(PlanRequests.of(job("a", Duration.ofHours(1), Duration.ofHours(20)))));
        assertThat(a.plannedStart()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));

        // Step 1: at 10:00 the release is taken (the handler records it and, unlike a runner, starts nothing yet).
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        rig.releases.poke();
        rig.awaitFired("RELEASE a 0");
        assertThat(rig.jobs.get("a").state()).isEqualTo(JobState.HELD);

        // Step 2, a minute later: a job that cannot meet its deadline (2 h of work due in 1 h) makes room, which
        // re-plans the zone's held jobs. a's plan started a minute ago, so the planner would give it a fresh one
        // (10:01 to 11:01); but its release was taken: it is starting on the plan it had.
        clock.set(Instant.parse("2026-03-02T10:01:00Z"));
        Job late = rig.scheduling.insert(job("late", Duration.ofHours(2), Duration.ofHours(1)),
                () -> rig.planner.plan(PlanRequests.of(job("late", Duration.ofHours(2), Duration.ofHours(1)))));
        rig.replanner.makeRoomFor(late);
        assertThat(rig.scheduling.replanHeld(rig.jobs.get("a"), () -> {
            throw new AssertionError("a plan made for a release already taken");
        }, null)).as("no plan is made for a release already taken").isEmpty();

        // Step 3: the node that took the release marks a started.
        assertThat(rig.jobs.markStarted("a", JobState.HELD, "DE", "node-a", "released", clock.instant())).isTrue();

        assertThat(rig.jobs.events("a")).extracting(JobEvent::from, JobEvent::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, JobState.SUBMITTED),
                org.assertj.core.groups.Tuple.tuple(JobState.SUBMITTED, JobState.HELD),
                org.assertj.core.groups.Tuple.tuple(JobState.HELD, JobState.RUNNING));
        assertThat(rig.releases.scheduled("a")).as("no release of a re-plan left for a job that runs").isEmpty();
        assertThat(rig.jobs.plan("a").orElseThrow().segments().get(0).start())
                .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    private static Signal greenAt10() {
        List<SignalPoint> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            points.add(SignalPoint.of(MIDNIGHT.plus(Duration.ofHours(h)), h == 10 ? 50 : 300));
        }
        return new Signal("DE", "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofHours(1), MIDNIGHT,
                points);
    }

    private Job job(String id, Duration estimate, Duration dueIn) {
        Instant at = clock.instant();
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at, at.plus(dueIn),
                estimate, List.of("DE"), 0, false, 0, false, "iris.yaml", "name: iris\n", null, null, null, null, null,
                0, null, null, null, at);
    }
}
