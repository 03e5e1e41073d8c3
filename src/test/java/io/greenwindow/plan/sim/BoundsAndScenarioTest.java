package io.greenwindow.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.plan.IntensityCurve;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundsAndScenarioTest {

    @Test
    void capacityBound_twoJobsOneGpu_liesBetweenTheUncappedOptimumAndTheLpOptimum() {
        // Slots of 1 h at 100, 200, 300; capacity 1 GPU; two 1-GPU 1-h jobs due in 3 h. Without capacity both take
        // the 100 slot (200 units); the LP with capacity must use 100 and 200 (300 units).
        IntensityCurve c = new IntensityCurve(0, 3600, new double[] {100, 200, 300});
        Map<String, IntensityCurve> curves = new LinkedHashMap<>(Map.of("Z", c));
        CapacityBound bound = new CapacityBound(curves, Map.of("Z", 1), 3600);
        List<SimJob> jobs = List.of(new SimJob("a", 0, 3600, 1, 3 * 3600, true), new SimJob("b", 0, 3600, 1, 3 * 3600, true));
        double kw = 1;

        // Run at once puts both in slot 0 and exceeds the capacity of 1: no LP feasibility proof, so no bound.
        assertThat(bound.lowerBoundKg(jobs, SimJob::submit, SimJob::deadline, j -> true, kw, 0.3)).isNull();
        assertThat(bound.note()).contains("exceeds the capacity");

        CapacityBound roomy = new CapacityBound(curves, Map.of("Z", 2), 3600);
        Double kg = roomy.lowerBoundKg(jobs, SimJob::submit, SimJob::deadline, j -> true, kw, 0.3);
        assertThat(kg).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));

        List<SimJob> staggered = List.of(new SimJob("a", 0, 3600, 1, 3 * 3600, true), new SimJob("b", 3600, 3600, 1, 3 * 3600, true));
        Double tight = bound.lowerBoundKg(staggered, SimJob::submit, SimJob::deadline, j -> true, kw, 0.3);
        // Without capacity: a at 100, b at 200 (b is submitted at 1 h) = 300 units = 0.3 kg; capacity does not bind.
        assertThat(tight).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void capacityBound_capacityBinds_raisesTheBoundAboveTheUncappedOptimumButNotAboveTheLp() {
        // Slots 300, 100, 200, 400 (1 h); capacity 2 GPUs; jobs a (submitted 0) and c (submitted 1 h), 1 h on
        // 2 GPUs each, both due at 4 h. Uncapped both take the 100 slot: 2*100 + 2*100 = 400 units. With capacity
        // one must take the 200 slot: the LP optimum is 2*100 + 2*200 = 600. Run at once (slot 0, slot 1) fits.
        IntensityCurve c = new IntensityCurve(0, 3600, new double[] {300, 100, 200, 400});
        CapacityBound bound = new CapacityBound(new LinkedHashMap<>(Map.of("Z", c)), Map.of("Z", 2), 3600);
        List<SimJob> jobs = List.of(new SimJob("a", 0, 3600, 2, 4 * 3600, true), new SimJob("c", 3600, 3600, 2, 4 * 3600, true));

        Double kg = bound.lowerBoundKg(jobs, SimJob::submit, SimJob::deadline, j -> true, 1, 0.6);

        assertThat(kg).isGreaterThan(0.4 + 1e-6).isLessThanOrEqualTo(0.6 + 1e-9);
    }

    @Test
    void nextWorkdayMorning_followsTheLetsWaitAwhileRule() {
        // Wednesday 2020-01-08 15:00 finish stays; 18:00 moves to Thursday 09:00; Friday 20:00 to Monday 09:00;
        // Saturday to Monday; Tuesday 07:00 to Tuesday 09:00.
        assertThat(NextWorkdayJobs.nextWorkdayMorning(LocalDateTime.parse("2020-01-08T15:00"))).isEqualTo("2020-01-08T15:00");
        assertThat(NextWorkdayJobs.nextWorkdayMorning(LocalDateTime.parse("2020-01-08T18:00"))).isEqualTo("2020-01-09T09:00");
        assertThat(NextWorkdayJobs.nextWorkdayMorning(LocalDateTime.parse("2020-01-10T20:00"))).isEqualTo("2020-01-13T09:00");
        assertThat(NextWorkdayJobs.nextWorkdayMorning(LocalDateTime.parse("2020-01-11T12:00"))).isEqualTo("2020-01-13T09:00");
        assertThat(NextWorkdayJobs.nextWorkdayMorning(LocalDateTime.parse("2020-01-14T07:00"))).isEqualTo("2020-01-14T09:00");
    }

    @Test
    void generate_jobsFollowTheScenario() {
        Instant anchor = Instant.parse("2020-01-01T00:00:00Z");
        List<SimJob> jobs = NextWorkdayJobs.generate(anchor, 1);

        assertThat(jobs).hasSize(NextWorkdayJobs.JOBS);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.duration()).isBetween(4 * 3600L, 90 * 3600L);
            assertThat(j.deadline()).isGreaterThanOrEqualTo(j.submit() + j.duration());
            long secondOfDay = j.submit() % 86400;
            assertThat(secondOfDay).isBetween(9 * 3600L, 17 * 3600L);
        });
        assertThat(NextWorkdayJobs.generate(anchor, 1)).isEqualTo(jobs);
    }
}
