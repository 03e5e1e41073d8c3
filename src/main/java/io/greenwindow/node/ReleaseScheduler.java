package io.greenwindow.node;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases and pauses waiting in the service's database ({@code release_queue}), taken when due on the service's
 * clock. A release names its planned zone and only a node of that zone takes it, and only when its handler has the
 * room; taking is deleting the row, so each fires on exactly one node. A restart loses none (a missed one fires at
 * once), and since the rows are written in the caller's transaction, a job's plan and its releases commit together.
 * (Quartz fired on any node of a cluster whatever its zone, and kept its triggers in transactions of its own.)
 */
public final class ReleaseScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseScheduler.class);
    /** Due rows looked at per poll: more wait for the next one. */
    private static final int BATCH = 50;

    private final Jdbc jdbc;
    private final ReleaseSchedulerConfig config;
    private final Clock clock;
    private final ReleaseHandler handler;
    private final ScheduledExecutorService poller;
    /** Set when {@link #close} begins: a poll interrupted by it is the stop, not a fault. */
    private volatile boolean closing;

    private ReleaseScheduler(Jdbc jdbc, ReleaseSchedulerConfig config, Clock clock, ReleaseHandler handler) {
        this.jdbc = jdbc;
        this.config = config;
        this.clock = clock;
        this.handler = handler;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "release-poller");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts taking due releases from {@code database}; {@code handler} is called on the poller's thread. */
    public static ReleaseScheduler start(Database database, ReleaseSchedulerConfig config, Clock clock,
            ReleaseHandler handler) {
        ReleaseScheduler s = new ReleaseScheduler(new Jdbc(database.dataSource()), config, clock, handler);
        long every = config.pollEvery().toMillis();
        s.poller.scheduleWithFixedDelay(s::pollQuietly, every, every, TimeUnit.MILLISECONDS);
        return s;
    }

    /** Schedules {@code action} for a segment at {@code at}, for any zone; replaces the same one. */
    public void schedule(String jobId, ReleaseAction action, int segment, Instant at) {
        schedule(jobId, action, segment, at, null, 0);
    }

    /**
     * Schedules {@code action} for segment {@code segment} of a job at {@code at} (service clock), to be taken by a
     * node of {@code zone} (null: any) with {@code gpus} free; replaces the same one.
     */
    public void schedule(String jobId, ReleaseAction action, int segment, Instant at, String zone, int gpus) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM release_queue WHERE job_id = ? AND action = ? AND segment = ?", jobId, action,
                    segment);
            return Jdbc.update(c, "INSERT INTO release_queue (job_id, action, segment, due_at, zone, gpus) "
                    + "VALUES (?,?,?,?,?,?)", jobId, action, segment, at, zone, gpus);
        });
    }

    /** Removes every waiting release and pause of a job (cancel, re-plan). */
    public void unscheduleAll(String jobId) {
        jdbc.execute("DELETE FROM release_queue WHERE job_id = ?", jobId);
    }

    /**
     * Takes {@code action} for segment {@code segment} of a job out of the queue, if it still waits: the one who
     * deletes the row owns the step (a poll that finds it gone fires nothing), so inside a caller's transaction
     * this is a compare-and-set against a release being taken at the same moment.
     *
     * @return whether it was still waiting
     */
    public boolean takeWaiting(String jobId, ReleaseAction action, int segment) {
        return jdbc.execute("DELETE FROM release_queue WHERE job_id = ? AND action = ? AND segment = ?", jobId, action,
                segment) == 1;
    }

    /** What still waits for a job, earliest first. */
    public List<ScheduledRelease> scheduled(String jobId) {
        return jdbc.query("SELECT job_id, action, segment, due_at, zone FROM release_queue WHERE job_id = ? "
                + "ORDER BY due_at, segment, action", rs -> new ScheduledRelease(rs.getString("job_id"),
                ReleaseAction.valueOf(rs.getString("action")), rs.getInt("segment"), Jdbc.instant(rs, "due_at"),
                rs.getString("zone")), jobId);
    }

    /**
     * Looks for due releases now rather than at the next poll: after a transaction that scheduled one for now has
     * committed, or when a slot was freed.
     */
    public void poke() {
        if (!poller.isShutdown()) {
            try {
                poller.execute(this::pollQuietly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Closing: nothing more is taken.
            }
        }
    }

    /** Takes the due releases this node's handler has room for. @return how many were fired */
    int poll() {
        Instant now = clock.instant();
        List<Due> due = config.zone() == null
                ? jdbc.query("SELECT job_id, action, segment, gpus FROM release_queue WHERE due_at <= ? "
                        + "ORDER BY due_at, gpus DESC, job_id LIMIT " + BATCH, ReleaseScheduler::due, now)
                : jdbc.query("SELECT job_id, action, segment, gpus FROM release_queue WHERE due_at <= ? "
                        + "AND (action <> ? OR zone IS NULL OR zone = ?) ORDER BY due_at, gpus DESC, job_id LIMIT " + BATCH,
                        ReleaseScheduler::due, now, ReleaseAction.RELEASE, config.zone());
        int fired = 0;
        for (Due d : due) {
            if (!handler.canTake(d.action(), d.jobId(), d.segment(), d.gpus())) {
                continue;
            }
            boolean taken = jdbc.execute("DELETE FROM release_queue WHERE job_id = ? AND action = ? AND segment = ?",
                    d.jobId(), d.action(), d.segment()) == 1;
            if (taken) {
                handler.fire(d.action(), d.jobId(), d.segment());
                fired++;
            }
        }
        return fired;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            if (closing) {
                // close() interrupts a poll that may be waiting for a connection. Not an error: a release it took and
                // could not fire is planned again at the next start (Recovery plans jobs that have no release).
                LOG.debug("A poll stopped by the scheduler's close: {}", e.getMessage());
                return;
            }
            LOG.error("Taking due releases failed: {}", e.getMessage(), e);
        }
    }

    private static Due due(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Due(rs.getString("job_id"), ReleaseAction.valueOf(rs.getString("action")), rs.getInt("segment"),
                rs.getInt("gpus"));
    }

    private record Due(String jobId, ReleaseAction action, int segment, int gpus) {
    }

    @Override
    public void close() {
        closing = true;
        poller.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
