package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When the newest stored forecast of each zone was generated: one grouped query on the forecast headers (indexed
 * by zone, source and generation time), cheap enough to ask on every heartbeat to learn that a forecast arrived.
 */
public final class ForecastGenerations {

    private final Jdbc jdbc;

    public ForecastGenerations(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    public Map<String, Instant> newestPerZone() {
        Map<String, Instant> newest = new HashMap<>();
        jdbc.query("SELECT zone, MAX(generated_at) AS newest FROM grid_forecast GROUP BY zone",
                rs -> newest.put(rs.getString("zone"), Jdbc.instant(rs, "newest")));
        return newest;
    }
}
