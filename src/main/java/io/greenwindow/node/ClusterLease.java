package io.greenwindow.node;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A lease in the database ({@code cluster_leases}) so that work meant once per cluster per interval (re-planning,
 * ledger completion, pruning) runs on one node: the holder keeps it while it renews it; when it expires (its node
 * died or is slow) the next node to ask takes it. Taking and renewing are one conditional statement each, so two
 * nodes never both hold it.
 */
public final class ClusterLease {

    private final Jdbc jdbc;
    private final String name;
    private final String holder;
    private final Clock clock;

    public ClusterLease(Database database, String name, String holder, Clock clock) {
        this.jdbc = new Jdbc(database.dataSource());
        this.name = name;
        this.holder = holder;
        this.clock = clock;
    }

    /**
     * Takes or renews the lease for {@code length} from now when it is free, expired or already ours.
     *
     * @return whether this node holds it now
     */
    public boolean acquire(Duration length) {
        Instant now = clock.instant();
        Instant until = now.plus(length);
        if (jdbc.execute("UPDATE cluster_leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR "
                + "expires_at <= ?)", holder, until, name, holder, now) == 1) {
            return true;
        }
        // First use: whoever inserts the row holds it; a node that lost the race sees the key taken.
        try {
            return jdbc.execute("INSERT INTO cluster_leases (name, holder, expires_at) SELECT ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM cluster_leases WHERE name = ?)", name, holder, until, name) == 1;
        } catch (io.greenwindow.db.DatabaseException e) {
            return false; // another node inserted it between our two statements: it holds the lease
        }
    }

    /** Runs {@code work} when this node holds the lease (taken or renewed for {@code length}). @return whether it ran */
    public boolean runIfHeld(Duration length, Runnable work) {
        if (!acquire(length)) {
            return false;
        }
        work.run();
        return true;
    }
}
