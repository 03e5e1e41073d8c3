package io.greenwindow.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The live nodes of one zone and what is promised on each, so that a job is planned only where one node has its
 * job slot and all its GPUs free for the whole run: a job never spans nodes, and a zone's sum of GPUs can hold
 * room that no single node has (two nodes with one free GPU each cannot run a 2-GPU job).
 *
 * <p>Running jobs are pinned to the node they run on. Promises whose node is not known (stored plans name a zone
 * only) are placed in one fixed order whatever order they were added in: by start, then the most GPUs, then the
 * longest, each on the best-fitting node (the one with the fewest GPUs, then slots, then name, that has its slot
 * and GPUs free throughout). That is what the release dispatcher does at run time ({@code NodeFit}: at each release,
 * in start order, the smallest node with room), and in start order "room at the start" and "room throughout" are
 * the same (everything placed before started earlier, so a node's load only falls from then on). So a placement
 * found here is the one the nodes will see if jobs run as planned, and the same on every planner whatever the
 * order its jobs were read in. Per-node packing is NP-hard in general: this greedy order can fail where some other
 * assignment would succeed (see {@code PromisePlacementTest}); a promise no node can hold then is put on the first
 * node that could ever hold it, over-committed, and counted ({@link #overCommitted()}), so that the planner can
 * refuse a plan that would cause one.
 */
final class NodeLoad {

    /** A promise over capacity slots [lo, hi) and where it was placed ({@code forced}: no node had room). */
    private record Promise(long lo, long hi, int wanted, int node, boolean forced) {

        Promise on(int at, boolean overCommitted) {
            return new Promise(lo, hi, wanted, at, overCommitted);
        }
    }

    /** The placing order: by start, then the most GPUs, then the longest (identical promises are interchangeable). */
    private static final Comparator<Promise> ORDER = Comparator.comparingLong(Promise::lo)
            .thenComparing(Comparator.comparingInt(Promise::wanted).reversed())
            .thenComparing(Comparator.comparingLong(Promise::hi).reversed());

    private final List<GpuCapacity.NodeOffer> nodes;
    private final GpuCapacity.Usage[] jobs;
    private final GpuCapacity.Usage[] gpus;
    /** Running jobs on their node: kept so that they can be taken back. */
    private final List<Promise> pinned;
    /** Promises in {@link #ORDER}, each with where it is placed now. */
    private final List<Promise> promises;

    NodeLoad(List<GpuCapacity.NodeOffer> offers) {
        this.nodes = offers.stream().sorted(Comparator.comparingInt(GpuCapacity.NodeOffer::gpus)
                .thenComparingInt(GpuCapacity.NodeOffer::slots).thenComparing(GpuCapacity.NodeOffer::name)).toList();
        this.jobs = new GpuCapacity.Usage[nodes.size()];
        this.gpus = new GpuCapacity.Usage[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            jobs[i] = new GpuCapacity.Usage();
            gpus[i] = new GpuCapacity.Usage();
        }
        this.pinned = new ArrayList<>();
        this.promises = new ArrayList<>();
    }

    private NodeLoad(NodeLoad other) {
        this.nodes = other.nodes;
        this.jobs = new GpuCapacity.Usage[nodes.size()];
        this.gpus = new GpuCapacity.Usage[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            jobs[i] = other.jobs[i].copy();
            gpus[i] = other.gpus[i].copy();
        }
        this.pinned = new ArrayList<>(other.pinned);
        this.promises = new ArrayList<>(other.promises);
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
     * Promises a job slot and {@code wanted} GPUs over [lo, hi): on node {@code i} (a running job's), or with
     * {@code i} -1 in the placing order, the promises after it placed again.
     */
    void add(int i, int wanted, long lo, long hi) {
        if (nodes.isEmpty()) {
            return;
        }
        if (i >= 0) {
            pinned.add(new Promise(lo, hi, wanted, i, false));
            // The promises were placed without it: place them again around it (running jobs are added first, so
            // this is cheap where it matters).
            int from = unplaceFrom(0);
            use(i, wanted, lo, hi, 1);
            placeFrom(from);
            return;
        }
        Promise p = new Promise(lo, hi, wanted, -1, false);
        int at = insertionPoint(p);
        int from = unplaceFrom(at);
        promises.add(at, p);
        placeFrom(from);
    }

    /** Takes back a promise of {@code wanted} GPUs over [lo, hi) (a promise, else a running job's). */
    void remove(int wanted, long lo, long hi) {
        for (int k = promises.size() - 1; k >= 0; k--) {
            Promise p = promises.get(k);
            if (p.lo() == lo && p.hi() == hi && p.wanted() == wanted) {
                unplaceFrom(k);
                promises.remove(k);
                placeFrom(k);
                return;
            }
        }
        for (int k = pinned.size() - 1; k >= 0; k--) {
            Promise p = pinned.get(k);
            if (p.lo() == lo && p.hi() == hi && p.wanted() == wanted) {
                pinned.remove(k);
                unplaceFrom(0);
                use(p.node(), wanted, lo, hi, -1);
                placeFrom(0);
                return;
            }
        }
    }

    /** How many promises no node could hold in the placing order (each put on a node over its limits). */
    int overCommitted() {
        int n = 0;
        for (Promise p : promises) {
            if (p.forced()) {
                n++;
            }
        }
        return n;
    }

    /** Where a new promise goes in the placing order: after every promise that is not after it. */
    private int insertionPoint(Promise p) {
        int lo = 0;
        int hi = promises.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ORDER.compare(promises.get(mid), p) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Takes the promises from index {@code from} on off their nodes; returns {@code from}. */
    private int unplaceFrom(int from) {
        for (int k = from; k < promises.size(); k++) {
            Promise p = promises.get(k);
            use(p.node(), p.wanted(), p.lo(), p.hi(), -1);
        }
        return from;
    }

    /** Places the promises from index {@code from} on, in order, each on the best-fitting node. */
    private void placeFrom(int from) {
        for (int k = from; k < promises.size(); k++) {
            Promise p = promises.get(k);
            int node = fitting(p.wanted(), p.lo(), p.hi());
            boolean forced = node < 0;
            if (forced) {
                node = firstThatCouldHold(p.wanted());
            }
            use(node, p.wanted(), p.lo(), p.hi(), 1);
            promises.set(k, p.on(node, forced));
        }
    }

    private void use(int node, int wanted, long lo, long hi, int sign) {
        jobs[node].add(lo, hi, sign);
        if (wanted != 0) {
            gpus[node].add(lo, hi, sign * wanted);
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
