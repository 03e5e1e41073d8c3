package io.greenwindow.web;

import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.ForecastResult;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Jobs, plans and forecasts made by hand for the dashboard's tests and its preview. */
final class DashboardJobs {

    private DashboardJobs() {
    }

    static Job job(String id, String name, String team, JobState state, String reason, Instant submitted,
            Instant deadline, String zone, Instant plannedStart, String summary) {
        return new Job(id, name, JobKind.TRAIN, team, state, reason, submitted, deadline, Duration.ofHours(2),
                List.of(zone), 0, true, 0, false, "training-configs/" + name + ".yaml", "name: " + name,
                plannedStart, zone, null, null, null, 0, null, summary, "CPU", submitted);
    }

    static StoredPlan hold(Job job, Instant now, StoredPlan.Segment... segments) {
        return new StoredPlan(job.id(), "HOLD", job.zone(), List.of(segments), 180, 420, 0.57, job.reason(),
                "default@0", now);
    }

    static StoredPlan.Segment segment(String zone, Instant start, Instant end) {
        return new StoredPlan.Segment(zone, start, end);
    }

    /** An hourly forecast generated at {@code start}, from the given adapter. */
    static ForecastResult forecast(String zone, String source, Instant start, double... gPerKwh) {
        List<SignalPoint> points = new ArrayList<>();
        for (int i = 0; i < gPerKwh.length; i++) {
            points.add(SignalPoint.of(start.plus(Duration.ofHours(i)), gPerKwh[i]));
        }
        return new ForecastResult.Forecast(new Signal(zone, source, SignalKind.AVERAGE, EmissionScope.LIFECYCLE,
                Duration.ofHours(1), start, points), List.of());
    }
}
