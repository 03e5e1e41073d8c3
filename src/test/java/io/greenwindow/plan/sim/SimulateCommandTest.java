package io.greenwindow.plan.sim;

import static io.greenwindow.plan.sim.TraceReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.cli.CliException;
import io.greenwindow.cli.SimulateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code greenwindow simulate} as a user runs it, on a two-week slice of real Electricity Maps data. */
class SimulateCommandTest {

    private static int run(String... args) {
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof CliException) {
                line.getErr().println(e.getMessage());
                return 1;
            }
            throw e;
        });
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        return cl.execute(args);
    }

    @Test
    void simulate_realTraceSlice_writesSegmentsSummaryAndReport(@TempDir Path out) throws Exception {
        int rc = run("--trace", "DE=" + resource("DE_2023-03-01_to_03-14_hourly.csv"),
                "--trace", "GB=" + resource("GB_2023-03-01_to_03-14_hourly.csv"),
                "--jobs", resource("jobs-60.csv").toString(), "--anchor", "2023-03-02T00:00:00Z", "--slack", "PT12H",
                "--interruptible", "true", "--forecast", "noise:0.05:7", "--capacity", "DE=40", "--out", out.toString());

        assertThat(rc).isZero();
        List<String> segments = Files.readAllLines(out.resolve("segments.csv"));
        assertThat(segments.get(0)).isEqualTo("job_id,zone,start,end");
        assertThat(segments.get(1)).matches("job-\\d\\d,(DE|GB),2023-03-\\d\\dT[0-9:]+Z,2023-03-\\d\\dT[0-9:]+Z");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("jobs").asInt()).isEqualTo(60);
        assertThat(summary.path("policies")).extracting(p -> p.path("name").asText())
                .containsExactly("run-at-once", "carbon-aware-sdk", "greenwindow");
        assertThat(summary.path("policies").get(2).path("savingVsRunAtOnce").asDouble()).isPositive();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg").contains("polyline").contains("Electricity Maps");
    }

    @Test
    void simulate_badOption_failsWithOneSentence(@TempDir Path out) throws Exception {
        int rc = run("--trace", "DE" + resource("DE_2023-03-01_to_03-14_hourly.csv"), "--jobs",
                resource("jobs-60.csv").toString(), "--anchor", "2023-03-02T00:00:00Z", "--out", out.toString());

        assertThat(rc).isEqualTo(1);
        assertThat(out.resolve("segments.csv")).doesNotExist();
    }

    @Test
    void simulate_rollingForecast_replansAndSaysSoInTheSummary(@TempDir Path out) throws Exception {
        int rc = run("--trace", "DE=" + resource("DE_2023-03-01_to_03-14_hourly.csv"),
                "--jobs", resource("jobs-60.csv").toString(), "--anchor", "2023-03-02T00:00:00Z",
                "--interruptible", "false", "--forecast", "rolling:0.10:7", "--out", out.toString());

        assertThat(rc).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.toString()).contains("rolling:0.1:7").contains("re-planned at every hourly forecast");
    }

    @Test
    void simulate_badForecast_namesTheOptionAndTheShapes(@TempDir Path out) throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println(e.getMessage());
            return 1;
        });
        cl.setErr(new java.io.PrintWriter(err, true));

        int rc = cl.execute("--trace", "DE=" + resource("DE_2023-03-01_to_03-14_hourly.csv"), "--jobs",
                resource("jobs-60.csv").toString(), "--anchor", "2023-03-02T00:00:00Z", "--forecast", "rolling:lots",
                "--out", out.toString());

        assertThat(rc).isEqualTo(1);
        assertThat(err.toString()).contains("--forecast 'rolling:lots' must be perfect, noise:FRACTION[:SEED] or rolling:FRACTION[:SEED]");
    }
}
