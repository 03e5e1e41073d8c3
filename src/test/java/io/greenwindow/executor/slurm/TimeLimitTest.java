package io.greenwindow.executor.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --time a job asks Slurm for: its estimate with a margin, never past its deadline. */
class TimeLimitTest {

    private static final Instant BEGIN = Instant.parse("2026-03-02T07:00:00Z");

    private static Job job(Duration estimate, Duration deadlineAfterBegin) {
        return new Job("j1", "j", JobKind.values()[0], "t", JobState.HELD, "held", BEGIN.minusSeconds(3600),
                BEGIN.plus(deadlineAfterBegin), estimate, List.of("DE"), 0, false, 0, false, "j.yaml", "name: j", BEGIN,
                "DE", null, null, null, 0, null, null, null, BEGIN);
    }

    @Test
    void estimateTimesOneAndAHalfPlusTenMinutes_cappedAtTheDeadline() {
        // 20 min x 1.5 + 10 min = 40 min, when the deadline is 8 h away.
        assertThat(SlurmExecutor.timeLimitMinutes(job(Duration.ofMinutes(20), Duration.ofHours(8)), BEGIN)).isEqualTo(40);
        // The deadline 30 min after the start caps it at 30.
        assertThat(SlurmExecutor.timeLimitMinutes(job(Duration.ofMinutes(20), Duration.ofMinutes(30)), BEGIN)).isEqualTo(30);
        // 61 s x 1.5 = 91.5 s, + 600 s = 691 s: 11.5 min, rounded up to 12.
        assertThat(SlurmExecutor.timeLimitMinutes(job(Duration.ofSeconds(61), Duration.ofHours(1)), BEGIN)).isEqualTo(12);
    }

    @Test
    void slurmsBeginIsNeverBeforeThePlannedStart() {
        // 29.6 s ahead: 30 whole seconds, plus one because Slurm counts from its own (truncated) second.
        assertThat(SlurmExecutor.secondsUntil(BEGIN, BEGIN.plusMillis(29_600))).isEqualTo(31);
        assertThat(SlurmExecutor.secondsUntil(BEGIN, BEGIN.plusSeconds(30))).isEqualTo(31);
        assertThat(SlurmExecutor.secondsUntil(BEGIN, BEGIN)).isZero();
        assertThat(SlurmExecutor.secondsUntil(BEGIN, BEGIN.minusSeconds(5))).isZero();
    }

    @Test
    void aDeadlineShorterThanTheEstimate_doesNotCutTheRunShorterThanTheEstimate() {
        // Already late: the limit stays 40 min rather than killing a run that the estimate says needs 20.
        assertThat(SlurmExecutor.timeLimitMinutes(job(Duration.ofMinutes(20), Duration.ofMinutes(10)), BEGIN)).isEqualTo(40);
    }
}
