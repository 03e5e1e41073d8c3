package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.node.NodeRegistry.LiveNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which node of a zone takes a release, on a real H2 job repository: the node with all the job's GPUs, the smallest
 * such with room, and a node without enough GPUs only when no node of the zone has them.
 */
class NodeFitTest {

    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private final Database db = TestDatabases.h2();
    private final JdbcJobRepository jobs = new JdbcJobRepository(db);

    private static final LiveNode ONE_GPU = new LiveNode("de-small", "DE", 1, 1);
    private static final LiveNode TWO_GPUS = new LiveNode("de-big", "DE", 1, 2);
    private static final LiveNode GB_FOUR = new LiveNode("gb-huge", "GB", 1, 4);

    @AfterEach
    void close() {
        db.close();
    }

    private NodeFit on(LiveNode self) {
        return new NodeFit(() -> List.of(ONE_GPU, TWO_GPUS, GB_FOUR), jobs, self);
    }

    @Test
    void twoGpuJob_isLeftToTheNodeWithTwo_neverSqueezedOntoOne() {
        assertThat(on(ONE_GPU).shouldTake(2)).isFalse();
        assertThat(on(TWO_GPUS).shouldTake(2)).isTrue();
    }

    @Test
    void fourGpuJob_noNodeOfTheZoneHasFour_anyNodeWithRoomTakesIt() {
        // GB's node has four, but a release is only ever offered to nodes of its planned zone.
        assertThat(on(ONE_GPU).shouldTake(4)).isTrue();
        assertThat(on(TWO_GPUS).shouldTake(4)).isTrue();
    }

    @Test
    void oneGpuJob_goesToTheSmallerNode_untilItIsBusy() {
        assertThat(on(TWO_GPUS).shouldTake(1)).as("the 1-GPU node has room: the big one stays whole").isFalse();
        assertThat(on(ONE_GPU).shouldTake(1)).isTrue();

        running("busy", ONE_GPU.name(), 1);

        assertThat(on(TWO_GPUS).shouldTake(1)).as("the small node is busy").isTrue();
    }

    private void running(String id, String node, int gpus) {
        Job job = new Job(id, "iris", JobKind.TRAIN, "research", JobState.SUBMITTED, "submitted", T0,
                T0.plus(Duration.ofHours(20)), Duration.ofHours(1), List.of("DE"), gpus, false, 0, false, "iris.yaml",
                "name: iris\n", null, null, null, null, null, 0, null, null, null, T0);
        jobs.insert(job);
        assertThat(jobs.markStarted(id, JobState.SUBMITTED, "DE", node, "released", T0)).isTrue();
    }
}
