package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.TestDatabases;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.node.ScheduledRelease;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three service nodes in one JVM on one PostgreSQL: two in DE and one in GB, one job slot each. A dozen short iris
 * jobs compete for the two DE slots and the one GB slot. The test moves the shared clock to the next planned
 * release whenever nothing runs, and checks, from the jobs' own histories, that each ran on a node of its planned
 * zone, that no zone and no node ever ran more than its slots at once, that every deadline (all feasible: see the
 * arithmetic below) was met and that the ledger holds every job. Then a DE node leaves: the zone is re-planned.
 */
class MultiNodeCapacityTest {

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();
    /**
     * Longer than every jump of the clock below, so that no node looks silent only because the test moved time on
     * (node loss is tested apart, and by ClusterTest with a killed process).
     */
    private static final Duration NODE_TIMEOUT = Duration.ofHours(1);

    private ServerConfig node(String url, String name, String zone, Path adapters) {
        return new ServerConfig(0, data.resolve(name), url, "postgres", "postgres", true, name, zone, null,
                new NodeLimits(1, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES), adapters, Duration.ofHours(6),
                NODE_TIMEOUT);
    }

    @Test
    void dozenJobs_twoSlotsInDeOneInGb_eachRunsInItsZoneWithinCapacityAndMeetsItsDeadline() throws Exception {
        String url = TestDatabases.postgresUrl();
        Path adapters = PerfectReplay.adapters(data, "DE", "GB");
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        Map<String, String> zoneOf = Map.of("de-a", "DE", "de-b", "DE", "gb-a", "GB");
        try (Greenwindow deA = Greenwindow.start(node(url, "de-a", "DE", adapters), clock);
             Greenwindow deB = Greenwindow.start(node(url, "de-b", "DE", adapters), clock);
             Greenwindow gbA = Greenwindow.start(node(url, "gb-a", "GB", adapters), clock)) {
            String base = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                    .replace("epochs: 40", "epochs: 2")
                    .replace("estimatedDuration: PT20M", "estimatedDuration: PT5M")
                    .replace("interruptible: true", "interruptible: false");
            // 7 jobs for DE only, 3 for GB only, 2 for either. Worst case 9 jobs x 5 min on 2 DE slots is 25 min
            // (5 rounds) and 5 x 5 min on GB's one slot is 25 min: every 40-minute deadline is feasible.
            List<String> ids = new ArrayList<>();
            Greenwindow[] submitTo = {deA, deB, gbA};
            for (int i = 0; i < 12; i++) {
                String zones = i < 7 ? "[DE]" : i < 10 ? "[GB]" : "[DE, GB]";
                String yaml = base.replace("zones: [DE]", "zones: " + zones);
                Job job = submitTo[i % 3].jobs().submit(yaml, "iris-classifier.yaml", GreenwindowEndToEndTest.EXAMPLES,
                        "PT40M");
                assertThat(job.state()).as(job.reason()).isEqualTo(JobState.HELD);
                ids.add(job.id());
            }
            Map<String, StoredPlan> plans = new HashMap<>();
            for (String id : ids) {
                plans.put(id, deA.jobs().plan(id).orElseThrow());
            }
            assertThat(plans.values()).anySatisfy(p -> assertThat(p.reason()).startsWith("queued: "));

            // A bound, not an expectation: twelve training JVMs on two loaded cores took over six minutes.
            runUntilAllFinished(deA, ids, Duration.ofMinutes(15));

            Map<String, List<PlanOverlap.Interval>> byZone = new HashMap<>();
            Map<String, List<PlanOverlap.Interval>> byNode = new HashMap<>();
            for (String id : ids) {
                Job job = deA.jobs().get(id);
                assertThat(job.state()).as(id + ": " + job.reason()).isEqualTo(JobState.COMPLETED);
                StoredPlan plan = plans.get(id);
                String planned = deA.jobs().plan(id).orElseThrow().zone();
                assertThat(zoneOf.get(job.node())).as("job %s ran on %s, planned in %s", id, job.node(), planned)
                        .isEqualTo(planned).isEqualTo(job.zone());
                assertThat(job.finishedAt()).as("deadline of " + id).isBeforeOrEqualTo(job.deadline());
                assertThat(plan).isNotNull();
                for (PlanOverlap.Interval run : runs(deA.jobs().events(id))) {
                    byZone.computeIfAbsent(job.zone(), z -> new ArrayList<>()).add(run);
                    byNode.computeIfAbsent(job.node(), n -> new ArrayList<>()).add(run);
                }
            }
            assertThat(PlanOverlap.maxConcurrent(byZone.get("DE"))).isBetween(1, 2);
            assertThat(PlanOverlap.maxConcurrent(byZone.get("GB"))).isEqualTo(1);
            byNode.forEach((n, runs) -> assertThat(PlanOverlap.maxConcurrent(runs)).as(n).isEqualTo(1));
            assertThat(byNode.keySet()).containsExactlyInAnyOrder("de-a", "de-b", "gb-a");
            // The jobs end in seconds, far before their 5-minute estimates: the queue behind them moved forward.
            assertThat(ids.stream().flatMap(id -> deA.jobs().events(id).stream()).map(JobEvent::reason))
                    .anySatisfy(r -> assertThat(r).matches("re-planned: a job slot in (DE|GB) freed at .*"));

            String ledger = deA.ledger().entries(new LedgerQuery(null, null, null)).toString();
            ids.forEach(id -> assertThat(ledger).contains(id));
            assertThat(gbA.ledger().verify().intact()).isTrue();
        }
    }

    /** The stretches a job ran, from its history: a RUNNING event to the next event that leaves RUNNING. */
    private static List<PlanOverlap.Interval> runs(List<JobEvent> events) {
        List<PlanOverlap.Interval> runs = new ArrayList<>();
        Instant since = null;
        for (JobEvent e : events) {
            if (e.to() == JobState.RUNNING && since == null) {
                since = e.at();
            } else if (e.to() != JobState.RUNNING && since != null) {
                runs.add(new PlanOverlap.Interval(since, e.at()));
                since = null;
            }
        }
        return runs;
    }

    /**
     * Lets due releases run; whenever no job runs, moves the clock to the next waiting release (the jobs take
     * seconds, their plans minutes). Bounded by {@code timeout} of real time.
     */
    private void runUntilAllFinished(Greenwindow any, List<String> ids, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            List<Job> jobs = ids.stream().map(id -> any.jobs().get(id)).toList();
            if (jobs.stream().allMatch(j -> j.state().isFinal())) {
                return;
            }
            boolean running = jobs.stream().anyMatch(j -> j.state() == JobState.RUNNING);
            Optional<Instant> next = jobs.stream().filter(j -> !j.state().isFinal())
                    .flatMap(j -> any.jobs().scheduled(j.id()).stream()).map(ScheduledRelease::at).min(Instant::compareTo);
            if (!running && next.isPresent() && next.get().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.get()));
            }
            Thread.sleep(200);
        }
    }
}
