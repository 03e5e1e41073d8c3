package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.EXAMPLES;
import static io.greenwindow.executor.slurm.SlurmServiceKit.await;
import static io.greenwindow.executor.slurm.SlurmServiceKit.awaitJobEntry;
import static io.greenwindow.executor.slurm.SlurmServiceKit.irisAtOnce;
import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.TestDatabases;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.EntryKind;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spatial shifting across clusters: two real one-node Slurm clusters (own ports, folders and munge), one service
 * on each cluster's head node, in zones DE and GB, sharing one PostgreSQL. Whichever service a job is submitted
 * to, it runs on the cluster of the zone it was planned in, and only there.
 */
class SlurmClustersTest {

    @RegisterExtension
    static final OneNodeSlurmExtension deCluster = new OneNodeSlurmExtension();
    @RegisterExtension
    static final OneNodeSlurmExtension gbCluster = new OneNodeSlurmExtension();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    @Test
    void jobsPlannedInAZone_runOnThatZonesCluster_whicheverServiceTheyWereSubmittedTo() throws Exception {
        clock.set(Instant.now());
        String url = TestDatabases.postgresUrl();
        Path deData = data.resolve("de-head");
        Path gbData = data.resolve("gb-head");
        OneNodeSlurm de = deCluster.cluster();
        OneNodeSlurm gb = gbCluster.cluster();
        Map<String, OneNodeSlurm> clusterOf = Map.of("DE", de, "GB", gb);
        try (Greenwindow deHead = SlurmServiceKit.start(deData, "de-head", "DE", url, clock,
                SlurmServiceKit.env(de, deData));
             Greenwindow gbHead = SlurmServiceKit.start(gbData, "gb-head", "GB", url, clock,
                SlurmServiceKit.env(gb, gbData))) {
            // Each zone-bound job goes through the other zone's service; the two free ones go one through each.
            List<Job> jobs = new ArrayList<>();
            jobs.add(deHead.jobs().submit(irisAtOnce("only-gb").replace("zones: [DE]", "zones: [GB]"),
                    "a.yaml", EXAMPLES, "PT6M"));
            jobs.add(gbHead.jobs().submit(irisAtOnce("only-de"), "b.yaml", EXAMPLES, "PT6M"));
            jobs.add(deHead.jobs().submit(irisAtOnce("either-1").replace("zones: [DE]", "zones: [DE, GB]"),
                    "c.yaml", EXAMPLES, "PT6M"));
            jobs.add(gbHead.jobs().submit(irisAtOnce("either-2").replace("zones: [DE]", "zones: [DE, GB]"),
                    "d.yaml", EXAMPLES, "PT6M"));

            for (Job submitted : jobs) {
                Greenwindow service = submitted.name().equals("only-gb") || submitted.name().equals("either-1")
                        ? deHead : gbHead;
                Job done = await(service, submitted.id(), j -> j.state().isFinal(), Duration.ofSeconds(300));
                assertThat(done.state()).as(done.name() + ": " + done.reason()).isEqualTo(JobState.COMPLETED);
                String zone = service.jobs().get(done.id()).zone();
                String other = zone.equals("DE") ? "GB" : "DE";
                assertThat(submitted.zones()).contains(zone);

                SlurmJob ran = clusterOf.get(zone).job("gw-" + done.id()).orElseThrow(() -> new AssertionError(
                        done.name() + " planned in " + zone + " did not run on " + zone + "'s cluster"));
                assertThat(ran.state()).isEqualTo("COMPLETED");
                assertThat(clusterOf.get(other).job("gw-" + done.id())).as(done.name() + " on " + other + "'s cluster")
                        .isEmpty();
                List<LedgerEntry> entries = awaitJobEntry(service, done.id());
                assertThat(entries).extracting(e -> e.content().kind()).containsExactly(EntryKind.SEGMENT,
                        EntryKind.JOB);
                assertThat(entries.get(0).content().zone()).isEqualTo(zone);
                assertThat(entries.get(0).content().energy().nodes()).singleElement().asString()
                        .endsWith("(Slurm job " + ran.id() + ")");
            }
            assertThat(deHead.jobs().get(jobs.get(0).id()).zone()).isEqualTo("GB");
            assertThat(deHead.jobs().get(jobs.get(1).id()).zone()).isEqualTo("DE");
        }
    }
}
