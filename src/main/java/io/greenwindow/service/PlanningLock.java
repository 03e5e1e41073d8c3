package io.greenwindow.service;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One database transaction that holds the cluster's planning lock (a row every planner updates first): the
 * capacity is read, the plan made and the job, plan and releases written inside it, so that two nodes never
 * promise the same slot, and a job is stored with its plan and releases or not at all.
 *
 * <p>The planners of one process queue first on a fair lock of their own, in the order they came: only one of them
 * at a time waits for the row, so the database's lock timeout measures one other holder's work, not a whole queue
 * of them, and requests are served first come, first served (the database grants a row to any of its waiters).
 */
public final class PlanningLock {

    /** For tests and tools without a database of their own: runs the work as it is, with no lock. */
    public static final PlanningLock NONE = new PlanningLock(null, Clock.systemUTC());

    private final Jdbc jdbc;
    private final Clock clock;
    private final ReentrantLock local = new ReentrantLock(true);

    public PlanningLock(Database database, Clock clock) {
        this.jdbc = database == null ? null : new Jdbc(database.dataSource());
        this.clock = clock;
    }

    public <T> T run(Supplier<T> work) {
        if (jdbc == null) {
            return work.get();
        }
        local.lock(); // reentrant: a planner that plans again inside its transaction joins it
        try {
            return jdbc.inTransaction(c -> {
                Jdbc.update(c, "UPDATE planning_lock SET locked_at = ? WHERE id = 1", clock.instant());
                return work.get();
            });
        } finally {
            local.unlock();
        }
    }
}
