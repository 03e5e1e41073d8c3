package io.greenwindow.web;

import static io.greenwindow.web.DashboardJobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.train.TrainingProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15: the dashboard draws a progress bar under each running or paused job that has reported progress. */
class JobsPageProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void render_runningJobWithAReport_showsABarAndItsPercentage() {
        Job running = job("b2", "char-lstm", "research", JobState.RUNNING, "released at 11:00 UTC", NOW.minusSeconds(7200),
                NOW.plusSeconds(7200), "DE", NOW.minusSeconds(3600), null);
        Job held = job("a1", "iris-classifier", "research", JobState.HELD, "held until 22:00 UTC", NOW.minusSeconds(600),
                NOW.plusSeconds(36000), "DE", NOW.plusSeconds(36000), null);
        // 3 whole epochs of 8 and 5 of 20 batches into the 4th: (3*20 + 5) / (8*20) = 65/160 = 40.6%.
        TrainingProgress p = new TrainingProgress(3, 8, 5, 20, 6500, 812, 0.4121, 95, NOW, NOW.plusSeconds(140));

        String html = JobsPage.render(List.of(running, held), Map.of(), Map.of("b2", p), Map.of(), NOW,
                JobsPage.Viewer.NOBODY);

        assertThat(html).contains("<progress max=\"1000\" value=\"406\">40%</progress>")
                .contains("<span class=\"pct\">40%</span>")
                .contains("title=\"epoch 4/8, batch 5/20, 40%, 812 examples/s, loss 0.4121, 95s elapsed\"");
        assertThat(html.split("<progress ", -1)).as("one bar: the held job has none").hasSize(2);
    }
}
