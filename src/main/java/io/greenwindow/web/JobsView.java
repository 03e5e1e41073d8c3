package io.greenwindow.web;

import io.greenwindow.train.TrainingProgress;
import java.util.List;

/**
 * What the dashboard ({@code jobs.jte}) shows: who looks (null when anonymous; {@code csrf} null without a browser
 * session, so no form is offered), a forecast chart per zone, and a row per job.
 */
record JobsView(String asOf, String who, String what, String csrf, List<ZoneChart> charts, List<Row> rows) {

    /** A zone's chart, or (chart null) the reason it has none; {@code source} says where the forecast came from. */
    record ZoneChart(String zone, Svg chart, String unavailable, String source, boolean attribution) {
    }

    record Row(String id, String name, String team, String state, String stateClass, TrainingProgress progress,
            String resumes, String reason, String zone, String planned, String deadline, String summary, boolean mayCancel) {
    }
}
