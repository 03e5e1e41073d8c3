package io.greenwindow.plan.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.grid.replay.TraceCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    static Path resource(String name) throws Exception {
        return Path.of(TraceReaderTest.class.getResource("/plan/" + name).toURI());
    }

    @Test
    void read_electricityMapsCsv_usesTheLcaColumnByDefault() throws Exception {
        Trace lca = Trace.read("DE", resource("DE_2023-03-01_to_03-14_hourly.csv"), TraceCsv.Column.LCA);
        Trace direct = Trace.read("DE", resource("DE_2023-03-01_to_03-14_hourly.csv"), TraceCsv.Column.DIRECT);

        // First row: 2023-03-01 00:00:00,Germany,Germany,DE,528.6,609.91,...
        assertThat(lca.startInstant()).isEqualTo(Instant.parse("2023-03-01T00:00:00Z"));
        assertThat(lca.step()).isEqualTo(3600);
        assertThat(lca.values()).hasSize(336);
        assertThat(lca.values()[0]).isEqualTo(609.91);
        assertThat(direct.values()[0]).isEqualTo(528.6);
        assertThat(lca.source()).startsWith("Electricity Maps");
        assertThat(lca.filledSlots()).isZero();
    }

    @Test
    void read_plainCsvWithMixedSteps_putsRowsOnTheFinestStep(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gb.csv");
        Files.writeString(f, "Time,Carbon Intensity\n2020-01-01 00:00:00,100\n2020-01-01 00:30:00,200\n"
                + "2020-01-01 00:45:00,300\n2020-01-01 01:15:00,50\n");

        Trace t = Trace.read("GB", f, TraceCsv.Column.LCA);

        assertThat(t.step()).isEqualTo(900);
        assertThat(t.values()).containsExactly(100, 100, 200, 300, 300, 50);
        assertThat(t.filledSlots()).isEqualTo(2);
    }

    @Test
    void read_isoInstantsWithoutHeader_areAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "2023-01-01T00:00:00Z,10\r\n2023-01-01T01:00:00Z,20\r\n");

        assertThat(Trace.read("X", f, TraceCsv.Column.LCA).values()).containsExactly(10, 20);
    }

    @Test
    void read_badValue_namesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time,value\n2023-01-01T00:00:00Z,10\n2023-01-01T01:00:00Z,ten\n");

        assertThatThrownBy(() -> Trace.read("X", f, TraceCsv.Column.LCA))
                .isInstanceOf(SimulationInputException.class)
                .hasMessage(f + ":3:22: intensity 'ten' must be a number >= 0");
    }

    @Test
    void read_timesOutOfOrder_isRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "2023-01-01T01:00:00Z,10\n2023-01-01T00:00:00Z,10\n");

        assertThatThrownBy(() -> Trace.read("X", f, TraceCsv.Column.LCA))
                .hasMessageStartingWith(f + ":2:1: time 2023-01-01T00:00:00Z is not after the previous row's");
    }

    @Test
    void readJobs_missingColumn_isRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jobs.csv");
        Files.writeString(f, "job_id,submit_time_s,gpus\na,1,1\n");

        assertThatThrownBy(() -> JobTraceReader.read(f)).hasMessageStartingWith(f + ":1: missing column 'duration_s'");
    }

    @Test
    void readJobs_itpShapeWithABadNumber_namesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jobs.csv");
        Files.writeString(f, "job_id,cluster,submit_time_s,duration_s,gpus\nj1,cluster06,16566,3970,4\nj2,cluster06,16567,x,4\n");

        assertThatThrownBy(() -> JobTraceReader.read(f)).hasMessage(f + ":3:20: duration_s 'x' is not a number");
    }
}
