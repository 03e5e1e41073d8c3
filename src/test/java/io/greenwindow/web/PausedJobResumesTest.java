package io.greenwindow.web;

import static io.greenwindow.web.DashboardJobs.hold;
import static io.greenwindow.web.DashboardJobs.job;
import static io.greenwindow.web.DashboardJobs.segment;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.train.TrainingProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15: a paused job shows how far it got and when it resumes, in the list and on its own page. */
class PausedJobResumesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:30:00Z");

    private static Instant at(String hhmm) {
        return Instant.parse("2026-11-29T" + hhmm + ":00Z");
    }

    // Paused at 12:00 at the end of the first of three planned segments; the second starts at 14:00.
    private final Job submitted = job("p1", "char-lstm", "research", JobState.HELD, "held", at("09:00"), at("23:00"),
            "DE", at("10:00"), null);
    private final Job paused = submitted.withState(JobState.PAUSED,
            "paused at 12:00 UTC after segment 1 (checkpoint saved): epoch 2/4", at("12:00"));
    private final StoredPlan plan = hold(submitted, at("09:00"), segment("DE", at("10:00"), at("12:00")),
            segment("DE", at("14:00"), at("15:00")), segment("DE", at("18:00"), at("19:00")));
    // 1 whole epoch of 4 and 10 of 20 batches into the 2nd: (1*20 + 10) / (4*20) = 30/80 = 37.5%.
    private final TrainingProgress progress = new TrainingProgress(1, 4, 10, 20, 960, 400, 0.91, 7200, at("12:00"),
            null);

    @Test
    void list_pausedJob_showsItsProgressAndTheNextPlannedSegmentStart() {
        String html = JobsPage.render(List.of(paused), Map.of("p1", plan), Map.of("p1", progress), Map.of(), NOW,
                JobsPage.Viewer.NOBODY);

        assertThat(html).contains("<progress max=\"1000\" value=\"375\">")
                .contains("<div class=\"resumes\">resumes Sun 29 Nov 14:00</div>");
    }

    @Test
    void page_pausedJob_showsItsProgressAndWhenItResumes() {
        String html = JobDetailPage.render(new JobDetailPage.Facts(paused, plan, progress, List.of(), "DE", null, null,
                List.of(), NOW));

        assertThat(html).contains("<progress max=\"1000\" value=\"375\">").contains("epoch 2/4, batch 10/20")
                .contains("resumes Sun 29 Nov 14:00");
    }

    @Test
    void resumesAt_heldJob_orPausedPastItsLastSegment_saysNothing() {
        assertThat(JobsPage.resumes(submitted, plan)).isEmpty();
        Job pausedLate = submitted.withState(JobState.PAUSED, "paused", at("19:00"));
        assertThat(JobsPage.resumes(pausedLate, plan)).isEmpty();
        assertThat(plan.resumesAt(at("15:00"))).isEqualTo(at("18:00"));
    }
}
