package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.plan.GpuCapacity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live capacity of nodes that offer job slots only (no GPUs, where the zone's sums are exact) with what the
 * waiting jobs' plans promise reserved in it, kept from one planning call to the
 * next and brought up to date from the jobs that changed ({@link Commitments.Snapshot#changes}), so that a call
 * copies it instead of reserving every waiting job's plan again. Built anew when the live nodes change, when the
 * minute changes (a promise is reserved from the start of the current minute, which the one-minute slots count
 * whole anyway) or when the snapshot was not brought up to date from the one it was built for.
 */
final class PromisedCapacity {

    private record Built(long snapshot, long minute, Map<String, List<GpuCapacity.NodeOffer>> nodes,
            GpuCapacity capacity) {
    }

    private final Duration slot;
    private Built built;

    PromisedCapacity(Duration slot) {
        this.slot = slot;
    }

    /** A capacity the caller may change: the live nodes' limits less every waiting job's promise. */
    synchronized GpuCapacity copyFor(Commitments.Snapshot snapshot, Instant now,
            Map<String, List<GpuCapacity.NodeOffer>> nodes) {
        long minute = Math.floorDiv(now.getEpochSecond(), slot.getSeconds());
        Built b = built;
        boolean sameGround = b != null && b.minute() == minute && b.nodes().equals(nodes);
        if (!sameGround || b.snapshot() != snapshot.serial()) {
            GpuCapacity capacity;
            if (sameGround && b.snapshot() == snapshot.parent()) {
                capacity = b.capacity().copy();
                for (Commitments.Change c : snapshot.changes()) {
                    promise(capacity, c.before(), minute, -1);
                    promise(capacity, c.after(), minute, 1);
                }
            } else {
                capacity = GpuCapacity.ofLiveNodes(nodes, slot);
                for (Commitments.Holder h : snapshot.waiting().all()) {
                    promise(capacity, h, minute, 1);
                }
            }
            b = new Built(snapshot.serial(), minute, Map.copyOf(nodes), capacity);
            built = b;
        }
        return b.capacity().copy();
    }

    /** Takes a waiting job's promise out of {@code capacity}, as when it is being planned again. */
    void unpromise(GpuCapacity capacity, Commitments.Holder holder, Instant now) {
        promise(capacity, holder, Math.floorDiv(now.getEpochSecond(), slot.getSeconds()), -1);
    }

    /** What a waiting job's plan promises from the start of this minute on, segment by segment. */
    List<LiveCapacity.Promise> promises(Commitments.Holder holder, Instant now) {
        return promises(holder, Math.floorDiv(now.getEpochSecond(), slot.getSeconds()));
    }

    /**
     * What a waiting job's plan promises from the start of {@code minute} on; a running job, or one without a plan,
     * promises nothing here.
     */
    private List<LiveCapacity.Promise> promises(Commitments.Holder holder, long minute) {
        List<LiveCapacity.Promise> promises = new ArrayList<>();
        if (holder == null || holder.plan() == null || holder.job().state() == JobState.RUNNING) {
            return promises;
        }
        Instant floor = Instant.ofEpochSecond(minute * slot.getSeconds());
        Job job = holder.job();
        for (StoredPlan.Segment s : holder.plan().segments()) {
            Instant from = s.start().isBefore(floor) ? floor : s.start();
            if (s.end().isAfter(from)) {
                promises.add(new LiveCapacity.Promise(job.id(), s.zone(), job.gpus(), from, s.end()));
            }
        }
        return promises;
    }

    /** Reserves ({@code sign} 1) or gives back (-1) what a waiting job's plan promises from {@code minute} on. */
    private void promise(GpuCapacity capacity, Commitments.Holder holder, long minute, int sign) {
        for (LiveCapacity.Promise p : promises(holder, minute)) {
            if (sign > 0) {
                capacity.reserve(p.zone(), p.gpus(), p.from(), p.to());
            } else {
                capacity.release(p.zone(), p.gpus(), p.from(), p.to());
            }
        }
    }
}
