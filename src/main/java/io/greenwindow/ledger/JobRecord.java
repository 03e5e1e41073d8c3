package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished job: its segments in the order they ran, and, when the spec has them, the inference assumptions and
 * the probe's result (both nullable).
 */
public record JobRecord(String jobId, String jobName, String team, String zone, Instant submittedAt,
        Instant startedAt, Instant finishedAt, List<EnergyReport> segments, InferenceAssumptions inference,
        InferenceProbeResult probe) {

    public JobRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        jobName = jobName == null ? jobId : jobName;
        team = team == null || team.isBlank() ? LedgerQuery.NO_TEAM : team;
        segments = List.copyOf(segments);
        if (finishedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("Job " + jobId + " finished at " + finishedAt
                    + ", before it started at " + startedAt);
        }
        if (startedAt.isBefore(submittedAt)) {
            throw new IllegalArgumentException("Job " + jobId + " started at " + startedAt
                    + ", before its submission at " + submittedAt);
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).start().isBefore(segments.get(i - 1).end())) {
                throw new IllegalArgumentException("Segment " + i + " of job " + jobId + " starts at "
                        + segments.get(i).start() + ", before segment " + (i - 1) + " ends at " + segments.get(i - 1).end());
            }
        }
    }
}
