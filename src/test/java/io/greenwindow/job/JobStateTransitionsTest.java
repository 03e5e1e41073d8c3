package io.greenwindow.job;

import static io.greenwindow.job.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTransitionsTest {

    @ParameterizedTest(name = "{0} -> {1} allowed={2}")
    @CsvSource({
            "SUBMITTED, HELD, true", "SUBMITTED, RUNNING, true", "SUBMITTED, CANCELLED, true", "SUBMITTED, PAUSED, false",
            "SUBMITTED, COMPLETED, false",
            "HELD, RUNNING, true", "HELD, CANCELLED, true", "HELD, EXPIRED, true", "HELD, HELD, true", "HELD, PAUSED, false",
            "HELD, COMPLETED, false",
            "RUNNING, PAUSED, true", "RUNNING, COMPLETED, true", "RUNNING, FAILED, true", "RUNNING, CANCELLED, true",
            "RUNNING, HELD, false", "RUNNING, EXPIRED, false",
            "PAUSED, RUNNING, true", "PAUSED, CANCELLED, true", "PAUSED, EXPIRED, true", "PAUSED, COMPLETED, false",
            "PAUSED, HELD, false"})
    void isAllowed_row(JobState from, JobState to, boolean allowed) {
        assertThat(JobStateTransitions.isAllowed(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"COMPLETED", "FAILED", "CANCELLED", "EXPIRED"})
    void finalState_allowsNoChangeAtAll(JobState done) {
        for (JobState to : JobState.values()) {
            assertThat(JobStateTransitions.isAllowed(done, to)).as(done + " -> " + to).isFalse();
        }
        assertThat(done.isFinal()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"COMPLETED", "CANCELLED"})
    void check_onFinalState_throwsWithJobAndStates(JobState done) {
        assertThatThrownBy(() -> JobStateTransitions.check("j7", done, RUNNING))
                .isInstanceOf(IllegalJobStateChangeException.class)
                .hasMessage("Job j7 is " + done + " and cannot become RUNNING");
    }
}
