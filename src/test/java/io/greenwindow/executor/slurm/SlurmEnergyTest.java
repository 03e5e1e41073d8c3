package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.EXAMPLES;
import static io.greenwindow.executor.slurm.SlurmServiceKit.await;
import static io.greenwindow.executor.slurm.SlurmServiceKit.awaitJobEntry;
import static io.greenwindow.executor.slurm.SlurmServiceKit.irisAtOnce;
import static io.greenwindow.executor.slurm.SlurmServiceKit.slurmId;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.energy.ClusterEnergy;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slurm's own energy figure beside the trainer's. The reading of sstat's answer is checked on what Slurm 22.05.8
 * printed here; the whole path on a real one-node cluster whose node energy counter (acct_gather_energy/
 * pm_counters, a Cray node's /sys/cray/pm_counters, provided by the cluster script through an overlay) this test
 * drives itself at 100 J per second.
 */
class SlurmEnergyTest {

    @TempDir
    Path clusterDir;
    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void sstatsAnswer_isJoulesLabelledAsMeasuredBySlurm_andZeroOrNothingIsNoFigure() {
        // Recorded: "600" for a batch step that ran 6 s at 100 J/s under pm_counters; "0" without a plugin.
        ClusterEnergy e = SlurmEnergy.parse("600\n", "7.batch").orElseThrow();
        assertThat(e.joules()).isEqualTo(600);
        assertThat(e.method()).isEqualTo("measured by Slurm");
        assertThat(e.source()).contains("Slurm step 7.batch");
        assertThat(SlurmEnergy.parse("0\n", "7.batch")).isEmpty();
        assertThat(SlurmEnergy.parse("", "7.batch")).isEmpty();
        assertThat(SlurmEnergy.parse("sstat: error: no steps running\n", "7.batch")).isEmpty();
        // Recorded too: a counter read while its file was rewritten, wrapped around in Slurm's unsigned sum.
        assertThat(SlurmEnergy.parse("18446744073709543424\n", "7.batch")).isEmpty();
    }

    @Test
    void besideTheTrainersFigure_saysWhetherTheyDiffer() {
        // 3,600 J = 0.001 kWh. Against 0.00095 kWh: 5% apart (agree); against 0.0005 kWh: 50% apart.
        ClusterEnergy e = new ClusterEnergy(3600, "measured by Slurm", "test");
        assertThat(e.differenceFrom(0.00095)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(e.beside(0.00095)).contains("0.001000 kWh (3600 J").contains("agree within 10%");
        assertThat(e.beside(0.0005)).contains("they differ by 50%");
    }

    @Test
    void whereSlurmMeasuresEnergy_theRunsLedgerSegmentCarriesSlurmsFigure_besideTheTrainersOwn() throws Exception {
        Path counter = data.resolve("pm_counters");
        Files.createDirectories(counter);
        Files.writeString(counter.resolve("energy"), "0 J\n");
        Files.writeString(counter.resolve("power"), "100 W\n");
        AtomicLong joules = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        // The node's counter: 100 J more every second, as a 100 W node's would.
        Thread meter = new Thread(() -> {
            while (running.get()) {
                try {
                    Thread.sleep(1000);
                    // Written aside and renamed: slurmd never reads a half-written counter.
                    Path next = counter.resolve("energy.next");
                    Files.writeString(next, joules.addAndGet(100) + " J\n");
                    Files.move(next, counter.resolve("energy"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (Exception e) {
                    return;
                }
            }
        }, "test-energy-counter");
        meter.setDaemon(true);
        try (OneNodeSlurm cluster = OneNodeSlurm.start(clusterDir, Map.of("SLURM_ENERGY_DIR", counter.toString()))) {
            meter.start();
            clock.set(Instant.now());
            try (Greenwindow service = SlurmServiceKit.start(data, "head-node", "DE", null, clock,
                    SlurmServiceKit.env(cluster, data))) {
                long before = joules.get();
                Job job = service.jobs().submit(irisAtOnce("iris-metered"), "a.yaml", EXAMPLES, "PT6M");
                Job done = await(service, job.id(), j -> j.state().isFinal(), Duration.ofSeconds(240));
                long during = joules.get() - before;

                assertThat(done.state()).as(done.reason()).isEqualTo(JobState.COMPLETED);
                List<LedgerEntry> entries = awaitJobEntry(service, job.id());
                LedgerEntry segment = entries.stream().filter(e -> e.content().kind() == EntryKind.SEGMENT)
                        .findFirst().orElseThrow();
                EnergyReport raw = segment.content().segments().get(0);
                ClusterEnergy slurm = raw.cluster();
                assertThat(slurm).as("Slurm's figure in the ledger segment").isNotNull();
                assertThat(slurm.method()).isEqualTo("measured by Slurm");
                assertThat(slurm.source()).contains("Slurm step " + slurmId(service, job.id()) + ".batch");
                // Slurm counts the counter's rise while the batch step ran: some of what the test added meanwhile.
                assertThat(slurm.joules()).isPositive().isLessThanOrEqualTo(during);
                assertThat(done.reason()).contains("energy measured by Slurm: ").contains("the trainer's own figure");
            }
        } finally {
            running.set(false);
        }
    }
}
