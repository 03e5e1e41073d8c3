package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is done with a job that runs past its estimate, decided by its deadline and whether it can pause. */
class OverrunPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T03:20:00Z");

    private static Job job(Duration estimate, Instant deadline, boolean interruptible) {
        return new Job("j", "n", JobKind.values()[0], "t", JobState.RUNNING, "running", NOW.minusSeconds(7200),
                deadline, estimate, List.of("DE"), 0, interruptible, 0, false, null, "yaml", null, "DE", "node-a",
                NOW.minusSeconds(1200), null, 0, null, null, null, NOW);
    }

    @Test
    void onTime_reservesWhatTheEstimateSaysIsLeft() {
        Job j = job(Duration.ofMinutes(30), NOW.plusSeconds(3600), false);
        Overrun o = OverrunPolicy.decide(j, Duration.ofMinutes(20), NOW);

        assertThat(o.action()).isEqualTo(Overrun.Action.ON_TIME);
        assertThat(o.until()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(OverrunPolicy.remaining(j, Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void pastItsEstimate_withDeadlineRoom_isExtendedByATenthOfTheEstimate() {
        // 30 min estimate: grace 3 min; 03:20 + 3 min = 03:23, before the 04:00 deadline.
        Job j = job(Duration.ofMinutes(30), Instant.parse("2026-03-01T04:00:00Z"), false);
        Overrun o = OverrunPolicy.decide(j, Duration.ofMinutes(31), NOW);

        assertThat(o.action()).isEqualTo(Overrun.Action.EXTEND);
        assertThat(o.until()).isEqualTo(Instant.parse("2026-03-01T03:23:00Z"));
        assertThat(o.reason()).isEqualTo("extended at 03:20 UTC: ran 31 min, past its 30 min estimate; its deadline "
                + "04:00 UTC allows it until 03:23 UTC");
        assertThat(OverrunPolicy.remaining(j, Duration.ofMinutes(31))).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void shortJob_getsAtLeastAMinuteOfGrace() {
        Job j = job(Duration.ofMinutes(5), NOW.plusSeconds(3600), false);
        assertThat(OverrunPolicy.remaining(j, Duration.ofMinutes(6))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void pastItsEstimate_deadlineTooClose_interruptibleIsPaused() {
        // Grace 3 min would end 03:23, after the 03:21 deadline.
        Job j = job(Duration.ofMinutes(30), Instant.parse("2026-03-01T03:21:00Z"), true);
        Overrun o = OverrunPolicy.decide(j, Duration.ofMinutes(40), NOW);

        assertThat(o.action()).isEqualTo(Overrun.Action.PAUSE);
        assertThat(o.reason()).startsWith("paused at 03:20 UTC: ran 40 min, past its 30 min estimate, and its deadline "
                + "03:21 UTC allows no more");
    }

    @Test
    void pastItsEstimate_deadlinePassed_uninterruptibleIsStopped() {
        Job j = job(Duration.ofMinutes(30), Instant.parse("2026-03-01T03:00:00Z"), false);
        Overrun o = OverrunPolicy.decide(j, Duration.ofMinutes(90), NOW);

        assertThat(o.action()).isEqualTo(Overrun.Action.STOP);
        assertThat(o.reason()).startsWith("stopped at 03:20 UTC: ran 1 h 30 min, past its 30 min estimate");
    }

    @Test
    void runTime_sumsEveryRunningStretch_andTheOpenOne() {
        Instant t = Instant.parse("2026-03-01T01:00:00Z");
        List<io.greenwindow.job.JobEvent> events = List.of(
                new io.greenwindow.job.JobEvent("j", t, null, JobState.HELD, "held"),
                new io.greenwindow.job.JobEvent("j", t.plusSeconds(600), JobState.HELD, JobState.RUNNING, "go"),
                new io.greenwindow.job.JobEvent("j", t.plusSeconds(1500), JobState.RUNNING, JobState.PAUSED, "pause"),
                new io.greenwindow.job.JobEvent("j", t.plusSeconds(3000), JobState.PAUSED, JobState.RUNNING, "go"),
                new io.greenwindow.job.JobEvent("j", t.plusSeconds(3300), JobState.RUNNING, JobState.RUNNING, "ext"));
        // 600..1500 = 15 min, then 3000..now(3600) = 10 min: 25 min.
        assertThat(RunTime.ran(events, t.plusSeconds(3600))).isEqualTo(Duration.ofMinutes(25));
    }
}
