package io.greenwindow.metrics;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.util.List;

/** How many jobs are in each state and zone, counted by the database (a scrape must not load every job). */
public final class JobCounts {

    /** One row: a state, the zone the job ran or runs in ("none" before it has one) and how many. */
    public record Row(String state, String zone, long count) {
    }

    /** Running jobs in one zone: the job slots they take (one each) and the GPUs they hold. */
    public record ZoneUse(String zone, long slots, long gpus) {
    }

    /**
     * Held jobs planned in one zone: how many, and the saving their plans expect (1 - expected / now intensity),
     * averaged with each job weighted by its estimated run time (at equal power, by its energy).
     */
    public record HeldSaving(String zone, long jobs, double expectedSavingRatio) {
    }

    private final Jdbc jdbc;

    public JobCounts(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    public List<Row> byStateAndZone() {
        return jdbc.query("SELECT state, COALESCE(zone, 'none') AS zone, COUNT(*) AS n FROM jobs GROUP BY state, zone",
                rs -> new Row(rs.getString("state"), rs.getString("zone"), rs.getLong("n")));
    }

    public List<ZoneUse> runningByZone() {
        return jdbc.query("SELECT zone, COUNT(*) AS n, SUM(gpus) AS g FROM jobs WHERE state = 'RUNNING'"
                + " AND zone IS NOT NULL GROUP BY zone", rs -> new ZoneUse(rs.getString("zone"), rs.getLong("n"),
                        rs.getLong("g")));
    }

    public List<HeldSaving> heldSavingByZone() {
        return jdbc.query("SELECT p.zone, COUNT(*) AS n, SUM(p.expected_saving * j.estimated_seconds) AS weighted,"
                + " SUM(j.estimated_seconds) AS seconds FROM jobs j JOIN job_plans p ON p.job_id = j.id"
                + " WHERE j.state = 'HELD' GROUP BY p.zone", rs -> {
                    double seconds = rs.getDouble("seconds");
                    return new HeldSaving(rs.getString("zone"), rs.getLong("n"),
                            seconds > 0 ? rs.getDouble("weighted") / seconds : 0);
                });
    }
}
