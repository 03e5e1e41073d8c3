package io.greenwindow.metrics;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.util.List;

/** How many jobs are in each state and zone, counted by the database (a scrape must not load every job). */
public final class JobCounts {

    /** One row: a state, the zone the job ran or runs in ("none" before it has one) and how many. */
    public record Row(String state, String zone, long count) {
    }

    private final Jdbc jdbc;

    public JobCounts(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    public List<Row> byStateAndZone() {
        return jdbc.query("SELECT state, COALESCE(zone, 'none') AS zone, COUNT(*) AS n FROM jobs GROUP BY state, zone",
                rs -> new Row(rs.getString("state"), rs.getString("zone"), rs.getLong("n")));
    }
}
