package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.node.NodeRegistry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which node of a zone takes a release, so that what runs matches what the planner counted: a job goes to a node
 * with all the GPUs it asks for (never split, and never squeezed onto a smaller node while a node of the zone has
 * them), and among those to the smallest with room, as the planner's per-node count places it, so that a small job
 * does not take the one node a larger job is planned on. Other nodes' room is read from the database (their
 * running jobs); a job a node has just taken is seen as soon as it is marked running, so a deferral lasts moments.
 */
public final class NodeFit {

    /** The planner's order of a zone's nodes: fewest GPUs, then fewest slots, then name. */
    static final Comparator<NodeRegistry.LiveNode> SMALLEST_FIRST = Comparator
            .comparingInt(NodeRegistry.LiveNode::gpus).thenComparingInt(NodeRegistry.LiveNode::slots)
            .thenComparing(NodeRegistry.LiveNode::name);

    private final Supplier<List<NodeRegistry.LiveNode>> live;
    private final JobRepository jobs;
    private final NodeRegistry.LiveNode self;

    /** @param live the nodes alive now, {@code self} among them */
    public NodeFit(Supplier<List<NodeRegistry.LiveNode>> live, JobRepository jobs, NodeRegistry.LiveNode self) {
        this.live = live;
        this.jobs = jobs;
        this.self = self;
    }

    /** Whether this node, having room itself, should take a release of a job wanting {@code gpus} GPUs. */
    public boolean shouldTake(int gpus) {
        List<NodeRegistry.LiveNode> zone = live.get().stream()
                .filter(n -> n.zone().equals(self.zone()) && !n.name().equals(self.name())).toList();
        if (self.gpus() < gpus && zone.stream().anyMatch(n -> n.gpus() >= gpus)) {
            return false; // another node has all its GPUs: it waits for that one rather than run on fewer here
        }
        if (self.gpus() < gpus || zone.isEmpty()) {
            return true; // no node has them all: the node with room trains it on what it has (the runner says so)
        }
        Map<String, int[]> used = new HashMap<>();
        for (Job j : jobs.inStates(JobState.RUNNING)) {
            if (j.node() != null) {
                int[] u = used.computeIfAbsent(j.node(), n -> new int[2]);
                u[0]++;
                u[1] += j.gpus();
            }
        }
        return zone.stream().noneMatch(n -> n.gpus() >= gpus && SMALLEST_FIRST.compare(n, self) < 0
                && room(n, used.getOrDefault(n.name(), new int[2]), gpus));
    }

    private static boolean room(NodeRegistry.LiveNode n, int[] used, int gpus) {
        return used[0] < n.slots() && used[1] + Math.min(gpus, n.gpus()) <= n.gpus();
    }
}
