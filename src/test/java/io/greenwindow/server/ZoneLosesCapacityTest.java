package io.greenwindow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.node.NewsMarks;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two DE nodes on one database (a shared in-memory H2): three jobs that want the same greenest hour get both
 * slots of it and one more hour; when a node stops beating, the zone has one slot and its held jobs are planned
 * again, each change with its reason in the job's history, and the plans never need more than one slot at once.
 */
class ZoneLosesCapacityTest {

    @TempDir
    Path data;

    @Test
    void nodeStopsBeating_zoneIsReplannedToItsRemainingSlot() throws Exception {
        SettableClock clock = new SettableClock();
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String url = "jdbc:h2:mem:zone-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Path adapters = PerfectReplay.adapters(data);
        Greenwindow a = Greenwindow.start(node(url, "de-a", adapters), clock);
        try (Database db = Database.open(url, "sa", "")) {
            Greenwindow b = Greenwindow.start(node(url, "de-b", adapters), clock);
            NewsMarks marks = new NewsMarks(db);
            await(() -> "2 job slots".equals(marks.all().get("capacity:DE")), "the watcher saw both DE nodes");
            String yaml = Files.readString(GreenwindowEndToEndTest.EXAMPLES.resolve("iris-classifier.yaml"))
                    .replace("estimatedDuration: PT20M", "estimatedDuration: PT1H")
                    .replace("interruptible: true", "interruptible: false");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(a.jobs().submit(yaml, "iris-classifier.yaml", GreenwindowEndToEndTest.EXAMPLES, "PT20H").id());
            }
            assertThat(maxPlannedAtOnce(a, ids)).as("both slots of the greenest hour are used").isEqualTo(2);

            b.close(); // stops beating: after the node timeout DE has one slot

            await(() -> ids.stream().flatMap(id -> a.jobs().events(id).stream()).map(JobEvent::reason)
                    .anyMatch(r -> r.startsWith("re-planned: capacity in DE changed from 2 job slots to 1 job slot: ")),
                    "a held DE job was re-planned with the reason");
            assertThat(maxPlannedAtOnce(a, ids)).isEqualTo(1);
            for (String id : ids) {
                Job job = a.jobs().get(id);
                assertThat(a.jobs().plan(id).orElseThrow().segments().get(0).end()).as(job.reason())
                        .isBeforeOrEqualTo(job.deadline());
            }
        } finally {
            a.close();
        }
    }


    private static int maxPlannedAtOnce(Greenwindow service, List<String> ids) {
        List<PlanOverlap.Interval> planned = new ArrayList<>();
        for (String id : ids) {
            service.jobs().plan(id).orElseThrow().segments()
                    .forEach(s -> planned.add(new PlanOverlap.Interval(s.start(), s.end())));
        }
        return PlanOverlap.maxConcurrent(planned);
    }

    private ServerConfig node(String url, String name, Path adapters) {
        // Node timeout 4 s: a heartbeat every second.
        return new ServerConfig(0, data.resolve(name), url, "sa", "", true, name, "DE", null,
                new NodeLimits(1, 1, NodeLimits.DEFAULT_MAX_PHYSICAL_BYTES), adapters, Duration.ofHours(6),
                Duration.ofSeconds(4));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
