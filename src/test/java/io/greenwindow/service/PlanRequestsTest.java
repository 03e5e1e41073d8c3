package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanRequestsTest {

    static final Instant T = Instant.parse("2026-03-02T00:00:00Z");

    private static Job job(Duration estimate) {
        return new Job("j", "x", JobKind.TRAIN, "t", JobState.PAUSED, "r", T, T.plus(Duration.ofDays(1)), estimate,
                List.of("DE"), 0, true, 0, false, null, "name: x\n", null, null, null, null, null, 2, null, null, null, T);
    }

    private static JobEvent event(int minute, JobState to) {
        return new JobEvent("j", T.plus(Duration.ofMinutes(minute)), null, to, "");
    }

    @Test
    void remaining_subtractsEveryRunSegmentFromTheEstimate() {
        List<JobEvent> events = List.of(event(0, JobState.SUBMITTED), event(0, JobState.HELD),
                event(10, JobState.RUNNING), event(25, JobState.PAUSED), event(60, JobState.RUNNING),
                event(80, JobState.PAUSED));

        assertThat(PlanRequests.remaining(job(Duration.ofMinutes(60)), events).duration())
                .isEqualTo(Duration.ofMinutes(60 - 15 - 20));
    }

    @Test
    void remaining_afterRunningPastTheEstimate_plansATenthOfIt() {
        List<JobEvent> events = List.of(event(0, JobState.RUNNING), event(90, JobState.PAUSED));

        assertThat(PlanRequests.remaining(job(Duration.ofMinutes(60)), events).duration()).isEqualTo(Duration.ofMinutes(6));
    }
}
