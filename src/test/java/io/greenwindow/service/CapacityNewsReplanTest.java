package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ScheduledRelease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Capacity news (a node joins the zone) re-plans the rest of a RUNNING interruptible job with the zone's held jobs,
 * as a new forecast does ({@link RunningReplanServiceTest}): same request for the work left, same stickiness and
 * slack rule, same history wording after the capacity news's own prefix. Real H2 repository, node registry, live
 * capacity, release queue, news watch and planner; the trainer is not started, so the test marks the job started.
 *
 * <p>One forecast all along (no forecast news): 300 g/kWh every hour except 50 from 14:00 to 16:00. DE has one
 * node, de-a, with one job slot. At 06:00 the held job h (2 h, not interruptible) takes 14:00-16:00, the only green
 * hours. Then r (3 h, interruptible, deadline 02:00 next day) finds every other hour at 300 and runs at once,
 * 06:00-09:00. At 07:00 (1 h run, 2 h left) node de-b joins: 2 job slots. Worked by hand: r going on costs
 * 2 h at 300 = 600 g·h/kWh; its rest in the green window on the new slot, 2 h at 50 and a 2-min resume at 300
 * (13:58-16:00, or 14:00-16:02: the same 100 + 10 = 110), 82% less, above the 5% a re-plan needs; it ends at
 * 16:02 at the latest, far more than its 2 h 2 min of work left before its deadline, so the slack rule lets it pause.
 * h keeps 14:00-16:00 (nothing greener), and the two share those hours on the two slots.
 */
class CapacityNewsReplanTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    @AutoClose
    private final NewsRig rig = NewsRig.withLiveNodes(clock, Duration.ofMinutes(10));

    @Test
    void nodeJoins_restOfRunningJobFitsTheGreenWindowNow_pausesItThereWithTheCapacityReason() {
        rig.forecasts.put("DE", greenFrom14To16());
        rig.generations.put("DE", MIDNIGHT);
        rig.nodes.heartbeat("de-a", "DE", 1, 0, clock.instant());
        Job h = rig.scheduling.insert(job("h", false), () -> rig.planner.plan(PlanRequests.of(job("h", false))));
        assertThat(h.plannedStart()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        Job r = rig.scheduling.insert(job("r", true), () -> rig.planner.plan(PlanRequests.of(job("r", true))));
        assertThat(r.plannedStart()).as("the green hours are h's on the one slot").isEqualTo(clock.instant());
        assertThat(rig.news.check()).as("first look only takes note").isZero();
        rig.awaitFired("RELEASE r 0");
        assertThat(rig.jobs.markStarted("r", JobState.HELD, "DE", "de-a", "released", clock.instant())).isTrue();
        StoredPlan hBefore = rig.jobs.plan("h").orElseThrow();

        clock.set(Instant.parse("2026-03-02T07:00:00Z"));
        rig.nodes.heartbeat("de-a", "DE", 1, 0, clock.instant());
        rig.nodes.heartbeat("de-b", "DE", 1, 0, clock.instant());

        assertThat(rig.news.check()).as("r is re-planned, h keeps its plan").isEqualTo(1);

        StoredPlan plan = rig.assertPausingForRest("r", "re-planned: capacity in DE changed from 1 job slot to 2 job "
                + "slots: pausing at its next checkpoint: the rest of its work (about 2 h) is greener later: held until 1");
        Instant start = plan.segments().get(0).start();
        Instant end = plan.segments().get(plan.segments().size() - 1).end();
        assertThat(start).isBetween(Instant.parse("2026-03-02T13:58:00Z"), Instant.parse("2026-03-02T14:00:00Z"));
        assertThat(end).isBetween(Instant.parse("2026-03-02T16:00:00Z"), Instant.parse("2026-03-02T16:02:00Z"));
        assertThat(rig.jobs.plan("h").orElseThrow().segments()).isEqualTo(hBefore.segments());
        rig.awaitFired("PAUSE r 0");
        assertThat(rig.releases.scheduled("r")).filteredOn(s -> s.action() == ReleaseAction.RELEASE)
                .extracting(ScheduledRelease::segment, ScheduledRelease::at).first()
                .isEqualTo(Tuple.tuple(1, start));
        assertThat(rig.news.check()).as("nothing new").isZero();
    }

    /** 300 g/kWh every hour of two days, 50 from 14:00 to 16:00 on the first. */
    private static Signal greenFrom14To16() {
        List<SignalPoint> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            points.add(SignalPoint.of(MIDNIGHT.plus(Duration.ofHours(h)), h >= 14 && h < 16 ? 50 : 300));
        }
        return new Signal("DE", "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofHours(1), MIDNIGHT,
                points);
    }

    /** r: 3 h interruptible; h: 2 h, not interruptible. Both due 20 h after 06:00. */
    private Job job(String id, boolean interruptible) {
        Instant at = Instant.parse("2026-03-02T06:00:00Z");
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at,
                at.plus(Duration.ofHours(20)), Duration.ofHours(interruptible ? 3 : 2), List.of("DE"), 0,
                interruptible, 0, false, "iris.yaml", "name: iris\n", null, null, null, null, null, 0, null, null,
                null, at);
    }
}
