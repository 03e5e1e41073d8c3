package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.NodeRegistry.LiveNode;
import io.greenwindow.reason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead node's running jobs are taken over by the node of its zone a release would go to, on a real H2 job
 * repository and node registry: a node with all the job's GPUs free (never two jobs on one GPU), the smallest such;
 * a node with fewer GPUs only when no live node of the zone has them all.
 */
class TakeoverFitTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    private final Database db = TestDatabases.h2();
    private final JdbcJobRepository jobs = new JdbcJobRepository(db);
    private final JdbcNodeRegistry registry = new JdbcNodeRegistry(db);

    private static final LiveNode SMALL = new LiveNode("de-small", "DE", 2, 1);
    private static final LiveNode BIG = new LiveNode("de-big", "DE", 2, 2);

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void twoGpuJob_ofADeadNode_isLeftToTheNodeWithTwoGpus() {
        deadNodeRan("two", 2);
        Node small = node(SMALL);
        Node big = node(BIG);

        assertThat(small.takeover.beat()).as("the big node has both GPUs: never squeezed onto one").isZero();
        assertThat(big.takeover.beat()).isEqualTo(1);
        assertThat(big.runner.started).containsExactly("two");
        assertThat(jobs.get("two").node()).isEqualTo(BIG.name());
    }

    @Test
    void twoGpuJob_bigNodeHasOneGpuInUse_isNotTakenByAnyone() {
        deadNodeRan("two", 2);
        Node small = node(SMALL);
        Node big = node(BIG);
        big.runner.runLocally(1); // one of its GPUs trains another job

        assertThat(big.takeover.beat()).as("one GPU free: a second job would share a GPU").isZero();
        assertThat(small.takeover.beat()).as("the big node has both GPUs; it takes the job once one frees").isZero();
        assertThat(jobs.get("two").node()).isEqualTo("de-dead");

        big.runner.freeLocal(1);
        assertThat(big.takeover.beat()).isEqualTo(1);
    }

    @Test
    void oneGpuJob_ofADeadNode_goesToTheSmallerNodeWhileItHasRoom() {
        deadNodeRan("one", 1);
        deadNodeRan("other", 1);
        Node small = node(SMALL);
        Node big = node(BIG);

        assertThat(big.takeover.beat()).as("the 1-GPU node has room: the big one stays whole").isZero();
        assertThat(small.takeover.beat()).as("its one GPU takes one job, not two").isEqualTo(1);
        assertThat(big.takeover.beat()).as("the small node is full now").isEqualTo(1);
        assertThat(small.runner.started).hasSize(1);
        assertThat(big.runner.started).hasSize(1);
    }

    @Test
    void fourGpuJob_noLiveNodeHasFour_theNodeWithRoomTrainsItOnWhatItHas() {
        deadNodeRan("four", 4);
        Node big = node(BIG);
        assertThat(big.takeover.beat()).isEqualTo(1);
    }

    /** A job node de-dead ran, whose last beat is older than the timeout. */
    private void deadNodeRan(String id, int gpus) {
        Instant long_ago = clock.instant().minus(TIMEOUT.multipliedBy(3));
        registry.heartbeat("de-dead", "DE", 4, 4, long_ago);
        Job job = new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", long_ago,
                long_ago.plus(Duration.ofHours(20)), Duration.ofHours(1), List.of("DE"), gpus, false, 0, false,
                "iris.yaml", "name: iris\n", null, null, null, null, null, 0, null, null, null, long_ago);
        jobs.insert(job);
        assertThat(jobs.markStarted(id, JobState.SUBMITTED, "DE", "de-dead", Reason.sentence("released"), long_ago))
                .isTrue();
    }

    private Node node(LiveNode self) {
        registry.heartbeat(self.name(), self.zone(), self.slots(), self.gpus(), clock.instant());
        return new Node(self);
    }

    private final class Node {
        final NodeRunner runner;
        final Takeover takeover;

        Node(LiveNode self) {
            runner = new NodeRunner(self.slots(), self.gpus());
            NodeFit fit = new NodeFit(() -> registry.liveSince(clock.instant().minus(TIMEOUT)), jobs, self);
            takeover = new Takeover(jobs, registry, runner, self.name(), self.zone(), self.slots(), self.gpus(),
                    TIMEOUT, clock, fit);
        }
    }

    /**
     * Counts what a node runs as {@link JobRunner#hasRoom} does (job slots, and GPUs capped at the node's), without
     * training: takeover's decision is under test, not the trainer.
     */
    private final class NodeRunner extends IdleExecutor {
        final List<String> started = new ArrayList<>();
        private final int slots;
        private final int gpus;
        private int running;
        private int gpusInUse;

        NodeRunner(int slots, int gpus) {
            this.slots = slots;
            this.gpus = gpus;
        }

        void runLocally(int wanted) {
            running++;
            gpusInUse += Math.min(wanted, gpus);
        }

        void freeLocal(int wanted) {
            running--;
            gpusInUse -= Math.min(wanted, gpus);
        }

        @Override
        public boolean hasRoom(int wanted) {
            return running < slots && gpusInUse + Math.min(wanted, gpus) <= gpus;
        }

        @Override
        public void start(String jobId, int segment, Reason why) {
            started.add(jobId);
            runLocally(jobs.get(jobId).gpus());
        }

        @Override
        public boolean isRunning(String jobId) {
            return started.contains(jobId);
        }

        @Override
        public ZoneCapacity capacity() {
            return new ZoneCapacity("DE", gpus, slots, "test");
        }
    }
}
