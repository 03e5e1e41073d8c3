package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.StoredPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's reproduction: a node with GREENWINDOW_CAPACITY=1 stored plans for four jobs in the same hour, because
 * the service planned with unlimited capacity. Now the node's one job slot is all the planner has.
 */
class CapacityOneReproductionTest {

    @TempDir
    Path data;

    @Test
    void capacityOne_fourJobsWantingTheSameHour_plansNeverOverlap() throws Exception {
        SettableClock clock = new SettableClock();
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("GREENWINDOW_CAPACITY", "1"), 0, data);
        try (Greenwindow service = Greenwindow.start(config, clock)) {
            String yaml = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                    .replace("interruptible: true", "interruptible: false");
            List<PlanOverlap.Interval> planned = new ArrayList<>();
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // Same spec, same deadline: each would choose the same greenest 20 minutes on its own.
                jobs.add(service.jobs().submit(yaml, "iris-classifier.yaml", GreenwindowEndToEndTest.EXAMPLES, "PT6H"));
            }
            for (Job job : jobs) {
                StoredPlan plan = service.jobs().plan(job.id()).orElseThrow();
                plan.segments().forEach(s -> planned.add(new PlanOverlap.Interval(s.start(), s.end())));
                assertThat(plan.segments().get(plan.segments().size() - 1).end()).as(plan.reason())
                        .isBeforeOrEqualTo(job.deadline());
            }
            assertThat(planned).hasSize(4);
            assertThat(PlanOverlap.maxConcurrent(planned)).as(planned.toString()).isEqualTo(1);
        }
    }
}
