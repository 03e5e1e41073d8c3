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
 * A newer forecast for a zone re-plans its held jobs, and the job's history says so; the same forecast seen again
 * changes nothing. Real H2 repository, release queue and planner; the forecast and its generation time are set by
 * the test.
 */
class NewsWatchTest {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    @AutoClose
    private final NewsRig rig = new NewsRig(clock);

    /** 300 g/kWh every hour of the day except one at 50. */
    private static Signal greenAt(int hour, Instant generated) {
        List<SignalPoint> points = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            points.add(SignalPoint.of(MIDNIGHT.plus(Duration.ofHours(h)), h == hour ? 50 : 300));
        }
        return new Signal("DE", "test", SignalKind.AVERAGE, EmissionScope.LIFECYCLE, Duration.ofHours(1), generated,
                points);
    }

    @Test
    void newerForecast_replansTheZonesHeldJobs_withTheReasonInTheirHistory() {
        rig.forecasts.put("DE", greenAt(10, MIDNIGHT));
        rig.generations.put("DE", MIDNIGHT);
        Job job = rig.scheduling.insert(job("j1"), () -> rig.planner.plan(PlanRequests.of(job("j1"))));
        assertThat(job.plannedStart()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(rig.news.check()).as("first look only takes note").isZero();

        Instant generated = Instant.parse("2026-03-02T06:00:00Z");
        rig.forecasts.put("DE", greenAt(14, generated));
        rig.generations.put("DE", generated);
        assertThat(rig.news.check()).isEqualTo(1);

        assertThat(rig.jobs.get("j1").plannedStart()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        assertThat(rig.releases.scheduled("j1")).singleElement()
                .satisfies(r -> assertThat(r.at()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z")));
        List<JobEvent> events = rig.jobs.events("j1");
        assertThat(events.get(events.size() - 1).reason())
                .startsWith("re-planned on a new DE forecast (generated 06:00 UTC): held until 14:00 UTC");
        assertThat(rig.news.check()).as("nothing new").isZero();
    }

    @Test
    void failingPlan_atSubmission_storesNothing() {
        rig.forecasts.put("DE", greenAt(10, MIDNIGHT));
        try {
            rig.scheduling.insert(job("doomed"), () -> {
                throw new IllegalStateException("planner failed");
            });
        } catch (IllegalStateException expected) {
            // the submission fails as a whole
        }
        assertThat(rig.jobs.find("doomed")).isEmpty();
        assertThat(rig.releases.scheduled("doomed")).isEmpty();
    }

    private Job job(String id) {
        Instant at = clock.instant();
        return new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", at,
                at.plus(Duration.ofHours(20)), Duration.ofHours(1), List.of("DE"), 0, false, 0, false, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, at);
    }
}
