package io.greenwindow.web;

import io.greenwindow.ledger.LedgerHead;
import java.util.List;

/** What the monthly report ({@code report.jte}) shows, every figure worded with its unit and method. */
record ReportView(String title, String team, String monthName, String firstDay, String lastDay, List<Total> totals,
        Svg energyChart, Svg emissionsChart, Svg jobsChart, List<JobRow> jobs, List<String> signalSources,
        List<String> attributions, List<Lengths> responseLengths, List<WhatIf> whatIfs, List<String> notes,
        List<MethodPart> method, LedgerHead head, String csvLink) {

    /** A line of the totals table; {@code over} marks a budget that is exceeded. */
    record Total(String name, String value, boolean over) {
    }

    record JobRow(long seq, String kind, String name, String id, String ended, String energy, String method,
            String zoneIntensity, String pue, String emitted, String avoided, String inference, String inferenceMethod,
            String breakEven, String sciRun, String sci1000, String sciMethod, String status) {
    }

    /** One trained model's answer lengths side by side. */
    record Lengths(String jobName, long seq, List<String> lines) {
    }

    record WhatIf(String jobName, String jobId, WhatIfView.Form form) {
    }

    /** A part of the method statement: its label ("SCI", "Avoided"; null when it has none) and its text. */
    record MethodPart(String term, String text) {
    }
}
