package io.greenwindow.energy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What metering costs a training job: one sample (read /proc/PID/stat, append and fsync the log) happens every
 * sampling interval (10 s by default), and the pause check (one stat of the pause file) once per batch. The
 * overhead is sample cost / interval plus pause-check cost / batch time; both must stay far under 1%.
 *
 * <p>Run: {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt && java -cp
 * target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main MeterOverheadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MeterOverheadBenchmark {

    private Path dir;
    private ProcessCpuMeter meter;
    private EnergySampleLog log;
    private Path pauseFile;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("meter-bench");
        meter = new ProcessCpuMeter(Path.of("/proc"), ProcessHandle.current().pid(), PowerModel.DEFAULT, Instant.now());
        log = new EnergySampleLog(dir.resolve("energy.csv"));
        pauseFile = dir.resolve("pause.request");
    }

    @TearDown
    public void tearDown() throws IOException {
        log.close();
    }

    /** One durable sample of the CPU-time model, as the launcher takes every interval. */
    @Benchmark
    public List<MeterReading> sampleAndAppend() throws IOException {
        Instant now = Instant.now();
        List<MeterReading> readings = meter.read(now);
        log.append(new EnergySample(now, readings));
        return readings;
    }

    /** The child's check for a pause request, done at every batch boundary. */
    @Benchmark
    public boolean pauseCheck() {
        return Files.exists(pauseFile);
    }
}
