package io.greenwindow.service;

import io.greenwindow.job.Job;
import io.greenwindow.job.JobEvent;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The jobs that hold capacity (running, held, paused) with the stored plans of the waiting ones and the history of
 * the running ones, kept in memory and brought up to date from the jobs written since the last read
 * ({@link JobRepository#changedSince}): a planner reads the few rows the last submissions wrote, not every waiting
 * job (which made each submission cost more the longer the queue). Under the planning lock no job is written
 * meanwhile, so a snapshot is exactly what the database holds.
 *
 * <p>A snapshot is kept for the next read only once the transaction it was read in has committed: a read inside a
 * transaction sees that transaction's own writes, which a rollback takes back. Every {@link #FULL_READ_EVERY} the
 * jobs are read whole, so that a row written past the repository (by hand) is seen then.
 */
final class Commitments {

    static final Duration FULL_READ_EVERY = Duration.ofMinutes(5);

    /**
     * A job holding capacity: its plan (null when it has none; a running job's still names the segments after its
     * next pause) and, when it runs, its history.
     */
    record Holder(Job job, StoredPlan plan, List<JobEvent> events) {
    }

    /** What changed for one job between a snapshot's parent and the snapshot; null where it held nothing. */
    record Change(String jobId, Holder before, Holder after) {
    }

    /**
     * The waiting (held, paused) and running jobs as of {@code version}. {@code serial} tells snapshots apart (two
     * can have one version when a transaction that read one was rolled back); {@code parent} is the serial of the
     * snapshot this one was brought up to date from with {@code changes}, 0 for a whole read.
     */
    record Snapshot(long serial, long version, Instant readAt, Waiting waiting, Map<String, Holder> running,
            long parent, List<Change> changes) {

        Holder holder(String jobId) {
            Holder h = waiting.get(jobId);
            return h != null ? h : running.get(jobId);
        }
    }

    /**
     * The waiting jobs: a map shared by many snapshots and the few jobs changed since it was made, so that a
     * snapshot brought up to date copies those few rather than every waiting job; folded into a new shared map
     * once {@link #FOLD_AT} have changed.
     */
    static final class Waiting {

        static final int FOLD_AT = 256;
        private static final Holder GONE = new Holder(null, null, List.of());

        private final Map<String, Holder> shared;
        private final Map<String, Holder> changed;

        private Waiting(Map<String, Holder> shared, Map<String, Holder> changed) {
            this.shared = shared;
            this.changed = changed;
        }

        static Waiting of(Map<String, Holder> all) {
            return new Waiting(Collections.unmodifiableMap(new HashMap<>(all)), Map.of());
        }

        Holder get(String jobId) {
            Holder h = changed.get(jobId);
            return h == GONE ? null : h != null ? h : shared.get(jobId);
        }

        /** This with each job of {@code updates} waiting as its holder, or no longer waiting (null). */
        Waiting with(Map<String, Holder> updates) {
            Map<String, Holder> next = new HashMap<>(changed);
            updates.forEach((id, h) -> next.put(id, h == null ? GONE : h));
            if (next.size() < FOLD_AT) {
                return new Waiting(shared, next);
            }
            Map<String, Holder> folded = new HashMap<>(shared);
            next.forEach((id, h) -> {
                if (h == GONE) {
                    folded.remove(id);
                } else {
                    folded.put(id, h);
                }
            });
            return new Waiting(Collections.unmodifiableMap(folded), Map.of());
        }

        /** Every waiting job, in no particular order. */
        List<Holder> all() {
            List<Holder> all = new ArrayList<>(shared.size() + changed.size());
            shared.forEach((id, h) -> {
                if (!changed.containsKey(id)) {
                    all.add(h);
                }
            });
            changed.values().forEach(h -> {
                if (h != GONE) {
                    all.add(h);
                }
            });
            return all;
        }
    }

    private final JobRepository jobs;
    private final Clock clock;
    private final AtomicReference<Snapshot> kept = new AtomicReference<>();
    private final AtomicLong serials = new AtomicLong();

    Commitments(JobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        jobs.watchInserts(this::inserted);
    }

    /**
     * A new job this process wrote with its plan (committed, at {@code version}): when the kept snapshot is of the
     * version just before, nothing else was written in between (every write raises the version, one at a time), so
     * the snapshot is brought to {@code version} with this job instead of reading it back. Otherwise (another node
     * or writer came in between, or the snapshot is older) the next read finds it as before.
     */
    private void inserted(long version, Job job, StoredPlan plan) {
        if (job.state() != JobState.HELD && job.state() != JobState.PAUSED) {
            return; // a running job's holder needs its history: read it back
        }
        Holder after = new Holder(job, plan, List.of());
        kept.updateAndGet(k -> k == null || k.version() != version - 1 ? k
                : new Snapshot(serials.incrementAndGet(), version, k.readAt(),
                        k.waiting().with(Collections.singletonMap(job.id(), after)), k.running(), k.serial(),
                        List.of(new Change(job.id(), k.holder(job.id()), after))));
    }

    /** The jobs now running, held or paused. */
    Snapshot current() {
        Instant now = clock.instant();
        long version = jobs.version(); // before the rows: a write committed meanwhile is read again next time
        Snapshot last = kept.get();
        Snapshot next;
        if (last == null || version < last.version() || now.isBefore(last.readAt())
                || !now.isBefore(last.readAt().plus(FULL_READ_EVERY))) {
            next = readAll(version, now);
        } else if (version == last.version()) {
            return last;
        } else {
            next = readChanges(last, version);
        }
        jobs.afterCommit(() -> kept.accumulateAndGet(next, Commitments::newer));
        return next;
    }

    private Snapshot readAll(long version, Instant now) {
        // Plans first, jobs second: outside the lock, a job released between the two reads is then counted twice
        // (as planned and as running) for this one read, never not at all.
        Map<String, StoredPlan> plans = new HashMap<>();
        for (StoredPlan p : jobs.plansInStates(JobState.HELD, JobState.PAUSED, JobState.RUNNING)) {
            plans.put(p.jobId(), p);
        }
        Map<String, Holder> waiting = new HashMap<>();
        Map<String, Holder> running = new HashMap<>();
        for (Job job : jobs.inStates(JobState.RUNNING, JobState.HELD, JobState.PAUSED)) {
            if (job.state() == JobState.RUNNING) {
                running.put(job.id(), new Holder(job, plans.get(job.id()), jobs.events(job.id())));
            } else {
                waiting.put(job.id(), new Holder(job, plans.get(job.id()), List.of()));
            }
        }
        return new Snapshot(serials.incrementAndGet(), version, now, Waiting.of(waiting),
                Collections.unmodifiableMap(running), 0, List.of());
    }

    private Snapshot readChanges(Snapshot last, long version) {
        Map<String, Holder> waiting = new HashMap<>();
        Map<String, Holder> running = new HashMap<>(last.running());
        List<Change> changes = new ArrayList<>();
        for (Job job : jobs.changedSince(last.version())) {
            Holder before = last.holder(job.id());
            running.remove(job.id());
            Holder after = switch (job.state()) {
                case RUNNING -> new Holder(job, jobs.plan(job.id()).orElse(null), jobs.events(job.id()));
                case HELD, PAUSED -> new Holder(job, jobs.plan(job.id()).orElse(null), List.of());
                default -> null; // submitted or finished: holds nothing
            };
            if (job.state() == JobState.RUNNING) {
                running.put(job.id(), after);
            }
            waiting.put(job.id(), job.state() == JobState.RUNNING ? null : after);
            changes.add(new Change(job.id(), before, after));
        }
        return new Snapshot(serials.incrementAndGet(), version, last.readAt(), last.waiting().with(waiting),
                Collections.unmodifiableMap(running), last.serial(), List.copyOf(changes));
    }

    private static Snapshot newer(Snapshot kept, Snapshot read) {
        if (kept == null || read.version() > kept.version()
                || read.version() == kept.version() && read.readAt().isAfter(kept.readAt())) {
            return read;
        }
        return kept;
    }
}
