package io.greenwindow.web;

import java.util.List;

/** What the what-if page ({@code whatif.jte}) shows: the answer's figures worded, and the form to ask again. */
record WhatIfView(String title, String jobName, String jobId, long entrySeq, String verdict, List<Row> totals,
        List<Other> others, List<String> notes, Form form) {

    record Row(String name, String value) {
    }

    /** The same deployment priced by another answer length. */
    record Other(String label, String length, String joules, String basis, String inference, String breakEven) {
    }

    /** The what-if form of one job, its fields filled as asked (blank: as the spec says). */
    record Form(String job, List<Field> fields, List<Option> presets) {
    }

    record Field(String name, String label, String value) {
    }

    record Option(String value, String label, boolean selected) {
    }
}
