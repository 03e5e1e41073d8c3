package io.greenwindow.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a fake powercap tree: two packages with core/uncore/DRAM subzones and a psys zone. */
class RaplMeterTest {

    @TempDir
    Path tmp;

    private Path fakePowercap() throws IOException {
        return FakePowercap.copy(tmp);
    }

    private static void set(Path root, String zone, long microjoules) throws IOException {
        FakePowercap.set(root, zone, microjoules);
    }

    @Test
    void probe_fakeTree_countsPackagesAndDramOnlyNotSubzonesOrPsys() throws Exception {
        Rapl.Access access = Rapl.probe(fakePowercap());

        assertThat(access).isInstanceOf(Rapl.Readable.class);
        assertThat(((Rapl.Readable) access).domains()).extracting(RaplDomain::name, RaplDomain::component)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("package-0", Component.CPU),
                        org.assertj.core.groups.Tuple.tuple("dram", Component.RAM),
                        org.assertj.core.groups.Tuple.tuple("package-1", Component.CPU));
    }

    @Test
    void read_counterWrapsAround_addsTheRangeAndIgnoresSubzones() throws Exception {
        Path root = fakePowercap();
        RaplMeter meter = new RaplMeter(((Rapl.Readable) Rapl.probe(root)).domains(), () -> 1.0);

        set(root, "intel-rapl:0", 10_000_000L);          // wrapped: 262,143,328,850 range
        set(root, "intel-rapl:2", 3_000_000L);           // +2 J
        set(root, "intel-rapl:0:2", 8_000_000L);         // DRAM +3 J
        set(root, "intel-rapl:0:0", 50_100_000_000L);    // core +50,000 J: inside package-0, not added again
        set(root, "intel-rapl:1", 99_000_000_000L);      // psys: overlaps everything, not added
        List<MeterReading> readings = meter.read(Instant.EPOCH);

        double wrapped = (10_000_000L + 262_143_328_850L - 262_000_000_000L) / 1e6;
        assertThat(readings).hasSize(2);
        assertThat(readings.get(0).component()).isEqualTo(Component.CPU);
        assertThat(readings.get(0).joules()).isCloseTo(wrapped + 2.0, within(1e-9));
        assertThat(readings.get(0).method()).isEqualTo(EnergyMethod.MEASURED_RAPL);
        assertThat(readings.get(0).detail()).contains("package-0+package-1", "share");
        assertThat(readings.get(1).component()).isEqualTo(Component.RAM);
        assertThat(readings.get(1).joules()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void read_jobUsesHalfTheBusyCpu_isAttributedHalf() throws Exception {
        Path root = fakePowercap();
        RaplMeter meter = new RaplMeter(((Rapl.Readable) Rapl.probe(root)).domains(), () -> 0.5);

        set(root, "intel-rapl:2", 5_000_000L); // +4 J
        double first = meter.read(Instant.EPOCH).get(0).joules();
        set(root, "intel-rapl:2", 9_000_000L); // +4 J more
        double second = meter.read(Instant.EPOCH).get(0).joules();

        assertThat(first).isCloseTo(2.0, within(1e-9));
        assertThat(second).as("cumulative").isCloseTo(4.0, within(1e-9));
    }

    @Test
    void probe_missingOrBrokenTree_saysWhyInsteadOfThrowing() throws Exception {
        assertThat(Rapl.probe(tmp.resolve("absent"))).isEqualTo(new Rapl.Unreadable("no RAPL: "
                + tmp.resolve("absent") + " does not exist (not an Intel/AMD host with powercap, or a container that "
                + "hides /sys)"));
        Path root = fakePowercap();
        Files.delete(root.resolve("intel-rapl:0/energy_uj"));
        Files.createDirectory(root.resolve("intel-rapl:0/energy_uj"));
        assertThat(Rapl.probe(root)).isInstanceOfSatisfying(Rapl.Unreadable.class,
                u -> assertThat(u.reason()).contains("cannot be read", "energy_uj"));
    }
}
