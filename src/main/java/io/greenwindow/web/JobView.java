package io.greenwindow.web;

import io.greenwindow.train.TrainingProgress;
import java.util.List;

/**
 * What the job page ({@code job.jte}) shows, every figure already worded with its unit and method. A chart is null
 * where there is nothing to draw; its notes then say why.
 */
record JobView(String name, String id, String team, String asOf, String state, String stateClass, String reason,
        TrainingProgress progress, String resumes, String zone, Svg forecast, String forecastUnavailable, Svg runs,
        List<String> runNotes, Svg energy, List<String> energyNotes, Svg loss, List<LedgerLine> ledger,
        List<HistoryLine> history) {

    /**
     * One ledger entry of the job. {@code methodClass} is "measured", "estimated" or "mixed" (some of each), so
     * that a measured figure and an estimate never look alike.
     */
    record LedgerLine(long seq, String kindCode, String kind, String status, String statusReason, String period,
            String energy, String method, String methodClass, String methodDetail, String intensity, String emitted,
            String avoided, String hash) {

        String shortHash() {
            return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
        }
    }

    /** One state change of the job with its reason. */
    record HistoryLine(String at, String state, String reason) {
    }
}
