package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.Component;
import io.greenwindow.energy.ComponentEnergy;
import io.greenwindow.energy.EnergyBin;
import io.greenwindow.energy.EnergyMethod;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.node.NodeProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLauncherTest {

    @TempDir
    Path tmp;

    static NodeProfile cpuNode() {
        return new NodeProfile("test-node", "DE", 2, List.of(), 1.2, true, 4L << 30, PowerModel.DEFAULT, List.of());
    }

    static TrainingLauncher launcher(Path tmp) {
        // The fake powercap root does not exist: the CPU energy must come from the model, labelled estimated.
        return new TrainingLauncher(cpuNode(), Clock.systemUTC(), new MeterSettings(Duration.ofMillis(500),
                Path.of("/proc"), tmp.resolve("no-powercap"), tmp.resolve("no-libnvidia-ml.so").toString()));
    }

    static TrainingRequest request(String job, Path spec, Path root) {
        return new TrainingRequest(job, TrainingTestSpecs.documentFile(spec), root.resolve("jobs").resolve(job),
                root.resolve("models"), 1,
                2L << 30, Duration.ofMinutes(15), Map.of());
    }

    @Test
    void start_withSmallClassifier_completesWithModelEstimatedEnergyAndProbe() throws Exception {
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "tiny", 3, false, "PT30S");

        TrainingProcess process = launcher(tmp).start(request("job-1", spec, tmp));
        TrainingOutcome outcome = process.awaitExit();

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        assertThat(outcome.modelFile()).isEqualTo(tmp.resolve("models/job-1/model.zip")).isRegularFile();
        assertThat(outcome.summary()).contains("3 epochs", "150 examples/epoch", "backend CPU");
        assertThat(outcome.message()).contains("energy: CPU and memory energy estimated by the model, because no RAPL");
        // The child really ran with the OpenMP threads and native memory cap the request gave it.
        assertThat(outcome.backend()).isEqualTo("CPU (CpuBackend, OMP_NUM_THREADS=1, native memory cap 2.1 GB)");
        assertThat(outcome.energy().pue()).isEqualTo(1.2);
        assertThat(outcome.energy().itKwhByComponent().get(Component.CPU)).isGreaterThan(0);
        assertThat(outcome.energy().bins()).isNotEmpty().allSatisfy(bin ->
                assertThat(bin.start().toEpochMilli() % Duration.ofMinutes(15).toMillis()).isZero());
        List<ComponentEnergy> parts = outcome.energy().bins().stream().flatMap(b -> b.components().stream()).toList();
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.method()).isEqualTo(EnergyMethod.ESTIMATED_MODEL);
            assertThat(p.detail()).contains("(model)");
        });
        assertThat(outcome.probe()).isNotNull();
        assertThat(outcome.probe().joulesPerRequestSmall()).isPositive();
        assertThat(outcome.probe().secondsPerRequestLarge()).isPositive();
        assertThat(outcome.probe().method()).isEqualTo(EnergyMethod.ESTIMATED_MODEL);
        assertThat(Files.readString(tmp.resolve("models/job-1/model-info.json")))
                .contains("\"specName\" : \"tiny\"", "joulesPerRequestSmall");
        // The log stays unreported until its energy is in the ledger (the runner marks it then); it holds the
        // final sample, so recovering it would give the whole segment's energy, not a lower bound.
        List<EnergyRecovery.Found> found = EnergyRecovery.find(tmp.resolve("jobs/job-1"), cpuNode(), Duration.ofMinutes(15));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.log()).isEqualTo(process.energyLog());
            assertThat(f.report().coversWholeSegment()).isTrue();
            assertThat(f.report().itKwh()).isCloseTo(outcome.energy().itKwh(), org.assertj.core.data.Offset.offset(1e-12));
        });
        EnergyRecovery.markReported(process.energyLog());
        assertThat(Files.list(tmp.resolve("jobs/job-1")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("energy-") && n.endsWith(".reported.csv"));
        assertThat(EnergyRecovery.unreported(tmp.resolve("jobs/job-1"), cpuNode(), Duration.ofMinutes(15)))
                .as("a reported segment is not recovered again").isEmpty();
    }

    @Test
    void start_onNodeWithUsableGpu_measuresThatGpuThroughNvmlBesideTheCpuEstimate() throws Exception {
        Path library = io.greenwindow.energy.FakeNvml.compile(tmp);
        io.greenwindow.node.NodeProfile node = new io.greenwindow.node.NodeDetector(library.toString(),
                tmp.resolve("no-powercap"), Path.of("/proc/meminfo")).detect("gpu-node", "DE", null);
        TrainingLauncher launcher = new TrainingLauncher(node, Clock.systemUTC(), new MeterSettings(
                Duration.ofMillis(500), Path.of("/proc"), tmp.resolve("no-powercap"), library.toString()));
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "tiny", 1, false, "PT30S");

        TrainingOutcome outcome = launcher.start(request("job-gpu", spec, tmp)).awaitExit();

        assertThat(outcome.status()).as(outcome.message()).isEqualTo(TrainingOutcome.Status.COMPLETED);
        // Only the sm_37 GPU is usable by nd4j-cuda-11.6; the sm_90 one is neither given to the job nor metered.
        assertThat(outcome.energy().devices()).containsExactly("CPU x" + node.cpuCores(),
                "GPU 1 Fake Tesla K80 GPU-fake-0001-k80");
        List<ComponentEnergy> gpu = outcome.energy().bins().stream().flatMap(b -> b.components().stream())
                .filter(c -> c.component() == Component.GPU).toList();
        assertThat(gpu).isNotEmpty().allSatisfy(c -> {
            assertThat(c.method()).isEqualTo(EnergyMethod.MEASURED_NVML);
            assertThat(c.detail()).isEqualTo("GPU 1 GPU-fake-0001-k80 power integrated at 10 Hz");
        });
        assertThat(outcome.energy().itKwhByComponent().get(Component.GPU)).isPositive();
        assertThat(outcome.energy().pueKnown()).isFalse();
    }

    @Test
    void start_whenChildCrashesOnBadData_failsNamingFileLineAndColumnButNotTheCell() throws Exception {
        Path dir = tmp.resolve("specs");
        Files.createDirectories(dir);
        // The bad cell looks like a secret: a reason is shown to users and stored, so it must never quote it.
        Files.writeString(dir.resolve("bad.csv"), "a,b,label\n1,2,0\n3,sk_live_51Hsecret0Token,1\n");
        Path spec = TrainingTestSpecs.write(dir, "bad", """
                name: bad
                model: {layers: [{type: output, units: 2}]}
                data: {type: csv, path: bad.csv, labelColumn: 2, numClasses: 2, skipLines: 1}
                """);

        TrainingOutcome outcome = launcher(tmp).start(request("job-bad", spec, tmp)).awaitExit();

        assertThat(outcome.status()).isEqualTo(TrainingOutcome.Status.FAILED);
        assertThat(outcome.message()).contains("bad.csv line 3 column 1 (a feature) is not a number")
                .doesNotContain("sk_live", "secret0Token");
        assertThat(outcome.energy()).isNotNull();
    }

    @Test
    void start_withSecretsInTheServiceEnvironment_childEnvironmentHoldsOnlyTheAllowList() throws Exception {
        // GIVEN a service whose environment holds provider keys and database credentials
        Map<String, String> serviceEnv = new java.util.HashMap<>(System.getenv());
        serviceEnv.put("ELECTRICITYMAPS_TOKEN", "em-token-6c1f");
        serviceEnv.put("WATTTIME_USERNAME", "wt-user-77");
        serviceEnv.put("WATTTIME_PASSWORD", "wt-pass-9a2b");
        serviceEnv.put("GREENWINDOW_DB_PASSWORD", "db-pass-31d4");
        serviceEnv.put("GREENWINDOW_DB_URL", "jdbc:postgresql://db/gw?password=db-pass-31d4");
        serviceEnv.put("AWS_SECRET_ACCESS_KEY", "aws-secret-0e0e");
        TrainingLauncher launcher = new TrainingLauncher(cpuNode(), Clock.systemUTC(), new MeterSettings(
                Duration.ofMillis(500), Path.of("/proc"), tmp.resolve("no-powercap"),
                tmp.resolve("no-libnvidia-ml.so").toString()), serviceEnv);
        Path spec = TrainingTestSpecs.irisWithDropout(tmp.resolve("specs"), "long", 2000, false, "PT30S");

        // WHEN a real training JVM runs
        TrainingProcess process = launcher.start(request("job-env", spec, tmp));
        try {
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            // The pid is the training JVM once its command line names TrainMain (before that, the spawn helper).
            for (int i = 0; i < 600 && !cmdline(proc).contains(TrainMain.class.getName()); i++) {
                Thread.sleep(50);
            }
            assertThat(cmdline(proc)).contains(TrainMain.class.getName());
            String environ = new String(Files.readAllBytes(proc.resolve("environ")), java.nio.charset.StandardCharsets.UTF_8);
            List<String> names = java.util.Arrays.stream(environ.split("\0")).filter(v -> !v.isEmpty())
                    .map(v -> v.substring(0, v.indexOf('='))).toList();

            // THEN it holds none of the secrets, and nothing outside the allow-list
            assertThat(environ).doesNotContain("em-token-6c1f", "wt-user-77", "wt-pass-9a2b", "db-pass-31d4",
                    "aws-secret-0e0e", "ELECTRICITYMAPS", "WATTTIME", "GREENWINDOW_DB", "AWS_");
            assertThat(names).contains("OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES")
                    .allSatisfy(n -> assertThat(ChildEnvironment.ALLOWED.contains(n)
                            || n.startsWith(ChildEnvironment.ALLOWED_PREFIX)).as(n).isTrue());
            if (System.getenv("PATH") != null) {
                assertThat(names).contains("PATH");
            }
        } finally {
            process.kill();
            process.awaitExit();
        }
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException gone) {
            return "";
        }
    }
}
