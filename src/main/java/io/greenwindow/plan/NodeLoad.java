package io.greenwindow.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live nodes of one zone and what is promised on each, so that a job is planned only where one node has its
 * job slot and all its GPUs free for the whole run: a job never spans nodes, and a zone's sum of GPUs can hold
 * room that no single node has (two nodes with one free GPU each cannot run a 2-GPU job). Promises whose node is
 * not known (stored plans name a zone only) go to the best-fitting node: the one with the fewest GPUs that fits,
 * the rule the release dispatcher follows when it picks among a zone's nodes at run time.
 */
final class NodeLoad {

    private final List<GpuCapacity.NodeOffer> nodes;
    private final GpuCapacity.Usage[] jobs;
    private final GpuCapacity.Usage[] gpus;

    NodeLoad(List<GpuCapacity.NodeOffer> offers) {
        this.nodes = offers.stream().sorted(Comparator.comparingInt(GpuCapacity.NodeOffer::gpus)
                .thenComparingInt(GpuCapacity.NodeOffer::slots).thenComparing(GpuCapacity.NodeOffer::name)).toList();
        this.jobs = new GpuCapacity.Usage[nodes.size()];
        this.gpus = new GpuCapacity.Usage[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            jobs[i] = new GpuCapacity.Usage();
            gpus[i] = new GpuCapacity.Usage();
        }
    }

    private NodeLoad(NodeLoad other) {
        this.nodes = other.nodes;
        this.jobs = new GpuCapacity.Usage[nodes.size()];
        this.gpus = new GpuCapacity.Usage[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            jobs[i] = other.jobs[i].copy();
            gpus[i] = other.gpus[i].copy();
        }
    }

    NodeLoad copy() {
        return new NodeLoad(this);
    }

    /** The most GPUs one job can have here: the largest node's. */
    int largestNode() {
        return nodes.stream().mapToInt(GpuCapacity.NodeOffer::gpus).max().orElse(0);
    }

    /**
     * The best-fitting node with a job slot and {@code wanted} GPUs free in every capacity slot of [lo, hi), or -1.
     * {@code wanted} 0: only the job slot counts (a job without GPUs, or a zone whose nodes train on the CPU).
     */
    int fitting(int wanted, long lo, long hi) {
        for (int i = 0; i < nodes.size(); i++) {
            if (fitsOn(i, wanted, lo, hi)) {
                return i;
            }
        }
        return -1;
    }

    private boolean fitsOn(int i, int wanted, long lo, long hi) {
        GpuCapacity.NodeOffer n = nodes.get(i);
        return wanted <= n.gpus() && jobs[i].max(lo, hi) + 1 <= n.slots()
                && (wanted == 0 || gpus[i].max(lo, hi) + wanted <= n.gpus());
    }

    /** The node named {@code name}, or -1 when it is not live. */
    int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Promises a job slot and {@code wanted} GPUs on node {@code i} (-1: the best-fitting node, or when none fits
     * throughout, the first that could ever hold the job, over-committed: the zone's sums still refuse more).
     */
    void add(int i, int wanted, int job, long lo, long hi) {
        if (nodes.isEmpty()) {
            return;
        }
        int node = i >= 0 ? i : fitting(wanted, lo, hi);
        if (node < 0) {
            node = firstThatCouldHold(wanted);
        }
        jobs[node].add(lo, hi, job);
        if (wanted != 0) {
            gpus[node].add(lo, hi, wanted);
        }
    }

    /** Takes back a promise from the first node that holds one over [lo, hi). */
    void remove(int wanted, long lo, long hi) {
        for (int i = 0; i < nodes.size(); i++) {
            if (jobs[i].min(lo, hi) >= 1 && (wanted == 0 || gpus[i].min(lo, hi) >= wanted)) {
                jobs[i].add(lo, hi, -1);
                if (wanted != 0) {
                    gpus[i].add(lo, hi, -wanted);
                }
                return;
            }
        }
    }

    private int firstThatCouldHold(int wanted) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).gpus() >= wanted && nodes.get(i).slots() > 0) {
                return i;
            }
        }
        return 0;
    }

    /**
     * The earliest capacity-slot index at or after {@code from} where some node fits a run of {@code length} slots
     * (start slots until {@code until}), or -1.
     */
    long earliest(int wanted, long from, long length, long until) {
        long best = -1;
        for (int i = 0; i < nodes.size(); i++) {
            long start = from;
            while (start <= until && (best < 0 || start < best)) {
                long blocked = -1;
                for (long s = start + length - 1; s >= start; s--) {
                    if (!fitsOn(i, wanted, s, s + 1)) {
                        blocked = s;
                        break;
                    }
                }
                if (blocked < 0) {
                    best = start;
                    break;
                }
                if (nodes.get(i).gpus() < wanted || nodes.get(i).slots() < 1) {
                    break;
                }
                start = blocked + 1;
            }
        }
        return best;
    }

}
