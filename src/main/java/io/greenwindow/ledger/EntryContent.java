package io.greenwindow.ledger;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.InferenceProbeResult;
import java.time.Instant;
import java.util.List;

/**
 * Everything an entry says, stored as canonical JSON and covered by the entry's hash. The raw segments, the
 * inference assumptions and the probe are kept so that a later completion can be computed from the entry alone.
 *
 * @param statusReason why the entry is pending, or what it completes; empty when there is nothing to say
 * @param completesSeq for a COMPLETION or CORRECTION, the sequence number of the SEGMENT or JOB entry whose
 *     figures it replaces (always the original, so that the latest replacement wins)
 * @param segmentIndex for a SEGMENT, its index within the job
 * @param inference null when the job has no inference assumptions or no probe
 * @param sci SCI per functional unit (training run, and 1,000 requests when projected); empty for segments
 */
public record EntryContent(EntryKind kind, EntryStatus status, String statusReason, Long completesSeq, String jobId,
        String jobName, String team, String zone, Integer segmentIndex, Instant submittedAt, Instant start,
        Instant end, EnergyFigures energy, CarbonFigures carbon, InferenceProjection inference, List<SciScore> sci,
        InferenceAssumptions assumptions, InferenceProbeResult probe, List<EnergyReport> segments) {

    public EntryContent {
        statusReason = statusReason == null ? "" : statusReason;
        sci = sci == null ? List.of() : List.copyOf(sci);
        segments = segments == null ? List.of() : List.copyOf(segments);
    }
}
