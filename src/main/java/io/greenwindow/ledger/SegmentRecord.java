package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyReport;
import java.time.Instant;
import java.util.Objects;

/** One run segment of a job, handed to the ledger when the segment ends (pause, crash or finish). */
public record SegmentRecord(String jobId, String jobName, String team, String zone, int segmentIndex,
        Instant submittedAt, EnergyReport energy) {

    public SegmentRecord {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(energy, "energy");
        jobName = jobName == null ? jobId : jobName;
        team = team == null || team.isBlank() ? LedgerQuery.NO_TEAM : team;
        if (segmentIndex < 0) {
            throw new IllegalArgumentException("segmentIndex " + segmentIndex + " of job " + jobId + " must be >= 0");
        }
        if (energy.start().isBefore(submittedAt)) {
            throw new IllegalArgumentException("Segment " + segmentIndex + " of job " + jobId + " starts at "
                    + energy.start() + ", before its submission at " + submittedAt);
        }
    }
}
