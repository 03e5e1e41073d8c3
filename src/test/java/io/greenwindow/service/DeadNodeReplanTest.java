package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.ScheduledRelease;
import io.greenwindow.reason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A re-plan leaves alone a running job whose node has stopped beating and has not been taken over yet: no pause is
 * sent to a node that cannot take it, which would only make the node taking the job over start it and stop it at
 * its first checkpoint. Once taken over, the job runs on a live node and the next news re-plans it there. Real H2
 * job repository, node registry, live capacity, release queue, news watch, planner and {@link Takeover}; no
 * trainer (the test marks the job started, and the taking node's executor only records the start).
 *
 * <p>By hand: j (3 h, interruptible, due 20 h after 06:00) runs on de-a from 06:00, the green hours then being
 * 06:00-09:00. DE has two nodes of one job slot, de-a and de-b; the node timeout is 10 min. At 07:00 de-a has not
 * beaten since 06:00, and a new forecast puts the green hours at 14:00-16:00 (50 g/kWh, 300 elsewhere): j's rest
 * (2 h) costs 600 g·h/kWh going on and 2 h x 50 + a 2-min resume x 300 = 110 there, so a re-plan on a live node
 * would pause it (as {@link RunningReplanServiceTest} shows). At 07:30, after de-b took it over, the same forecast
 * generated anew is news, and j (1 h 30 min left: 450 going on against 75 + 10 = 85) is told to pause.
 */
class DeadNodeReplanTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    @AutoClose
    private final NewsRig rig = NewsRig.withLiveNodes(clock, TIMEOUT);

    @Test
    void nodeStoppedBeating_newForecastWouldPauseItsJob_jobLeftAlone_thenReplannedOnTheNodeThatTookItOver() {
        rig.announce(NewsRig.greenBetween(6, 9, MIDNIGHT));
        rig.nodes.heartbeat("de-a", "DE", 1, 0, clock.instant());
        rig.nodes.heartbeat("de-b", "DE", 1, 0, clock.instant());
        Job job = rig.scheduling.insert(job("j"), () -> rig.planner.plan(PlanRequests.of(job("j"))));
        assertThat(job.plannedStart()).isEqualTo(clock.instant());
        assertThat(rig.news.check()).as("first look only takes note").isZero();
        rig.awaitFired("RELEASE j 0");
        assertThat(rig.jobs.markStarted("j", JobState.HELD, "DE", "de-a", "released", clock.instant())).isTrue();
        StoredPlan planBefore = rig.jobs.plan("j").orElseThrow();
        List<ScheduledRelease> releasesBefore = rig.releases.scheduled("j");
        int eventsBefore = rig.jobs.events("j").size();

        clock.set(Instant.parse("2026-03-02T07:00:00Z"));
        rig.nodes.heartbeat("de-b", "DE", 1, 0, clock.instant());
        rig.announce(NewsRig.greenBetween(14, 16, clock.instant()));

        assertThat(rig.news.check()).as("forecast and capacity news; j runs on a silent node").isZero();
        assertThat(rig.jobs.events("j")).hasSize(eventsBefore);
        assertThat(rig.jobs.plan("j").orElseThrow().segments()).isEqualTo(planBefore.segments());
        assertThat(rig.releases.scheduled("j")).as("no pause for de-a").isEqualTo(releasesBefore);
        assertThat(rig.fired).doesNotContain("PAUSE j 0");

        StartRecorder deB = new StartRecorder();
        Takeover takeover = new Takeover(rig.jobs, rig.nodes, deB, "de-b", "DE", 1, 0, TIMEOUT, clock, null);
        assertThat(takeover.beat()).isEqualTo(1);
        assertThat(deB.started).containsExactly("j");
        assertThat(rig.jobs.get("j").node()).isEqualTo("de-b");

        clock.set(Instant.parse("2026-03-02T07:30:00Z"));
        assertThat(takeover.beat()).as("its own job now").isZero();
        rig.announce(NewsRig.greenBetween(14, 16, clock.instant()));

        assertThat(rig.news.check()).isEqualTo(1);
        rig.assertPausingForRest("j", "re-planned on a new DE forecast (generated 07:30 UTC): pausing at its next "
                + "checkpoint: the rest of its work (about 1");
        rig.awaitFired("PAUSE j 0");
    }

    /** The taking node's executor: records what it is asked to start, trains nothing. */
    private static final class StartRecorder extends IdleExecutor {
        final List<String> started = new ArrayList<>();

        @Override
        public void start(String jobId, int segment, Reason why) {
            started.add(jobId);
        }

        @Override
        public boolean hasRoom(int gpus) {
            return started.isEmpty();
        }
    }



    private Job job(String id) {
        Instant at = Instant.parse("2026-03-02T06:00:00Z");
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at,
                at.plus(Duration.ofHours(20)), Duration.ofHours(3), List.of("DE"), 0, true, 0, false, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, at);
    }
}
