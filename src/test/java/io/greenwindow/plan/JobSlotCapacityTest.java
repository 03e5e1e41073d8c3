package io.greenwindow.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.reason.FullCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Capacity accounting with job slots (live nodes' slots) beside GPUs, on one-minute slots. */
class JobSlotCapacityTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final long S0 = T0.getEpochSecond();

    private static GpuCapacity twoSlotsInDe() {
        return new GpuCapacity(Map.of("DE", 4), Map.of("DE", 2, "GB", 1), Duration.ofMinutes(1));
    }

    @Test
    void jobSlots_twoJobsFill_aThirdWaitsUntilOneEnds() {
        GpuCapacity c = twoSlotsInDe();
        c.reserve("DE", 0, T0, T0.plusSeconds(1800));
        c.reserve("DE", 0, T0.plusSeconds(600), T0.plusSeconds(3600));

        assertThat(c.fits("DE", 0, S0 + 600, S0 + 700)).as("both slots taken 00:10-00:30").isFalse();
        assertThat(c.fits("DE", 0, S0 + 1800, S0 + 2400)).as("one slot free from 00:30").isTrue();
        // The first job ends at 00:30, so a 20-minute job fits from then on.
        assertThat(c.earliestFit("DE", 0, S0, 1200, S0 + 86400)).isEqualTo(S0 + 1800);
        assertThat(c.whatIsFull("DE", 0, S0 + 900)).isEqualTo(FullCapacity.jobSlots(2));
        assertThat(c.whatIsFull("DE", 0, S0 + 2000)).isNull();
    }

    @Test
    void gpus_andSlots_bothCount() {
        GpuCapacity c = twoSlotsInDe();
        c.reserve("DE", 3, T0, T0.plusSeconds(3600));

        assertThat(c.fits("DE", 1, S0, S0 + 60)).as("one slot and one GPU left").isTrue();
        assertThat(c.fits("DE", 2, S0, S0 + 60)).as("only one GPU left").isFalse();
        assertThat(c.whatIsFull("DE", 2, S0)).isEqualTo(FullCapacity.gpus(4));
        assertThat(c.earliestFit("DE", 2, S0, 60, S0 + 86400)).isEqualTo(S0 + 3600);
    }

    @Test
    void zoneWithOneSlot_neverTwoAtOnce_andAZoneWithoutSlotsTakesNothing() {
        GpuCapacity c = twoSlotsInDe();
        c.reserve("GB", 0, T0, T0.plusSeconds(60));
        assertThat(c.fits("GB", 0, S0 + 30, S0 + 90)).isFalse();
        assertThat(c.whatIsFull("GB", 0, S0)).isEqualTo(FullCapacity.jobSlots(1));
        assertThat(c.jobSlots("FR")).as("unknown zone: no slot limit").isEqualTo(Integer.MAX_VALUE);

        GpuCapacity none = new GpuCapacity(Map.of(), Map.of("DE", 0), Duration.ofMinutes(1));
        assertThat(none.fits("DE", 0, S0, S0 + 60)).isFalse();
        assertThat(none.earliestFit("DE", 0, S0, 60, S0 + 86400)).isEqualTo(-1);
    }

    @Test
    void ofLiveNodes_aZoneWithoutALiveNodeHasNoSlot() {
        GpuCapacity live = GpuCapacity.ofLiveNodes(Map.of(), Map.of("DE", 1), Duration.ofMinutes(1));
        assertThat(live.jobSlots("GB")).isZero();
        assertThat(live.fits("GB", 0, S0, S0 + 60)).isFalse();
        assertThat(live.fits("DE", 0, S0, S0 + 60)).isTrue();
        assertThat(live.copy().fits("GB", 0, S0, S0 + 60)).isFalse();
    }

    @Test
    void withoutSlotLimits_jobsWithoutGpusAreNeverRefused_asTheSimulatorAssumes() {
        GpuCapacity gpusOnly = new GpuCapacity(Map.of("DE", 1), Duration.ofHours(1));
        gpusOnly.reserve("DE", 1, T0, T0.plusSeconds(3600));
        for (int i = 0; i < 5; i++) {
            gpusOnly.reserve("DE", 0, T0, T0.plusSeconds(3600));
        }
        assertThat(gpusOnly.constrains("DE", 0)).isFalse();
        assertThat(gpusOnly.fits("DE", 0, S0, S0 + 3600)).isTrue();
        assertThat(gpusOnly.fits("DE", 1, S0, S0 + 3600)).isFalse();
    }

    @Test
    void copy_keepsSlotUse_andReleaseGivesItBack() {
        GpuCapacity c = twoSlotsInDe();
        c.reserve("GB", 0, T0, T0.plusSeconds(600));
        GpuCapacity copy = c.copy();
        c.release("GB", 0, T0, T0.plusSeconds(600));

        assertThat(copy.fits("GB", 0, S0, S0 + 60)).isFalse();
        assertThat(c.fits("GB", 0, S0, S0 + 60)).isTrue();
    }
}
