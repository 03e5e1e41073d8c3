package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.grid.EmissionScope;
import io.greenwindow.grid.Signal;
import io.greenwindow.grid.SignalKind;
import io.greenwindow.grid.SignalPoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/** {@link SignalStore} on the service's database (tables of {@code V10__grid_signals.sql}). */
public final class JdbcSignalStore implements SignalStore {

    private static final String FORECAST_COLUMNS =
            "id, zone, source, kind, scope, step_seconds, generated_at FROM grid_forecast";

    private final Jdbc jdbc;

    public JdbcSignalStore(Database db) {
        this.jdbc = new Jdbc(db.dataSource());
    }

    @Override
    public void recordForecast(Signal forecast, Instant fetchedAt) {
        if (!forecast.isForecast() || forecast.isEmpty()) {
            throw new IllegalArgumentException("Only a non-empty forecast with its generation time can be recorded as one, not "
                    + forecast.source() + "/" + forecast.zone());
        }
        jdbc.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_forecast (zone, source, kind, scope, "
                    + "step_seconds, generated_at, fetched_at, first_start, end_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, forecast.zone());
                ps.setString(2, forecast.source());
                ps.setString(3, forecast.kind().name());
                ps.setString(4, forecast.scope().name());
                ps.setLong(5, forecast.step().toSeconds());
                ps.setTimestamp(6, ts(forecast.generatedAt()), utc());
                ps.setTimestamp(7, ts(fetchedAt), utc());
                ps.setTimestamp(8, ts(forecast.start()), utc());
                ps.setTimestamp(9, ts(forecast.end()), utc());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO grid_forecast_point (forecast_id, start_at, g_per_kwh, filled) VALUES (?, ?, ?, ?)")) {
                for (SignalPoint p : forecast.points()) {
                    ps.setLong(1, id);
                    ps.setTimestamp(2, ts(p.start()), utc());
                    ps.setDouble(3, p.gPerKwh());
                    ps.setBoolean(4, p.filled());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Signal> latestForecast(String zone, String source) {
        return jdbc.inTransaction(c -> forecast(c, Jdbc.query(c, "SELECT " + FORECAST_COLUMNS
                + " WHERE zone = ? AND source = ? ORDER BY generated_at DESC, id DESC LIMIT 1",
                JdbcSignalStore::header, zone, source)));
    }

    @Override
    public Optional<Instant> lastForecastFetch(String zone, String source) {
        return jdbc.queryOne("SELECT MAX(fetched_at) AS last_fetch FROM grid_forecast WHERE zone = ? AND source = ?",
                rs -> Optional.ofNullable(Jdbc.instant(rs, "last_fetch")), zone, source).flatMap(o -> o);
    }

    @Override
    public Optional<Signal> forecastKnownAt(String zone, String source, Instant asOf) {
        return jdbc.inTransaction(c -> forecast(c, Jdbc.query(c, "SELECT " + FORECAST_COLUMNS
                + " WHERE zone = ? AND source = ? AND generated_at <= ? AND fetched_at <= ?"
                + " ORDER BY generated_at DESC, id DESC LIMIT 1", JdbcSignalStore::header, zone, source, asOf, asOf)));
    }

    private record Header(long id, String zone, String source, SignalKind kind, EmissionScope scope, Duration step,
                          Instant generatedAt) {
    }

    private static Header header(ResultSet rs) throws SQLException {
        return new Header(rs.getLong("id"), rs.getString("zone"), rs.getString("source"),
                SignalKind.valueOf(rs.getString("kind")), EmissionScope.valueOf(rs.getString("scope")),
                Duration.ofSeconds(rs.getLong("step_seconds")), Jdbc.instant(rs, "generated_at"));
    }

    private static Optional<Signal> forecast(Connection c, List<Header> headers) throws SQLException {
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Header h = headers.get(0);
        List<SignalPoint> points = Jdbc.query(c, "SELECT start_at, g_per_kwh, filled FROM grid_forecast_point"
                + " WHERE forecast_id = ? ORDER BY start_at", JdbcSignalStore::point, h.id());
        return Optional.of(new Signal(h.zone(), h.source(), h.kind(), h.scope(), h.step(), h.generatedAt(), points));
    }

    @Override
    public int deleteForecastsGeneratedBefore(Instant before) {
        return jdbc.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM grid_forecast_point WHERE forecast_id IN"
                    + " (SELECT id FROM grid_forecast WHERE generated_at < ?)", before);
            return Jdbc.update(c, "DELETE FROM grid_forecast WHERE generated_at < ?", before);
        });
    }

    @Override
    public void recordHistory(Signal history, Instant fetchedAt) {
        if (history.isForecast()) {
            throw new IllegalArgumentException("A forecast of " + history.source() + "/" + history.zone()
                    + " cannot be recorded as history");
        }
        if (history.isEmpty()) {
            return;
        }
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM grid_history_point WHERE zone = ? AND source = ? AND start_at >= ? AND start_at < ?",
                    history.zone(), history.source(), history.start(), history.end());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grid_history_point (zone, source, kind, scope,"
                    + " step_seconds, start_at, g_per_kwh, filled, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SignalPoint p : history.points()) {
                    ps.setString(1, history.zone());
                    ps.setString(2, history.source());
                    ps.setString(3, history.kind().name());
                    ps.setString(4, history.scope().name());
                    ps.setLong(5, history.step().toSeconds());
                    ps.setTimestamp(6, ts(p.start()), utc());
                    ps.setDouble(7, p.gPerKwh());
                    ps.setBoolean(8, p.filled());
                    ps.setTimestamp(9, ts(fetchedAt), utc());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Optional<Signal> history(String zone, String source, Instant from, Instant to) {
        record Row(SignalKind kind, EmissionScope scope, Duration step, SignalPoint point) {
        }
        // A row whose interval contains `from` starts up to one step earlier; a day covers every step we allow.
        List<Row> rows = jdbc.query("SELECT kind, scope, step_seconds, start_at, g_per_kwh, filled FROM grid_history_point"
                + " WHERE zone = ? AND source = ? AND start_at > ? AND start_at < ? ORDER BY start_at",
                rs -> new Row(SignalKind.valueOf(rs.getString("kind")), EmissionScope.valueOf(rs.getString("scope")),
                        Duration.ofSeconds(rs.getLong("step_seconds")), point(rs)),
                zone, source, from.minus(Duration.ofDays(1)), to);
        List<Row> relevant = rows.stream().filter(r -> r.point().start().plus(r.step()).isAfter(from)).toList();
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        Row first = relevant.get(0);
        List<SignalPoint> points = new ArrayList<>();
        Instant expected = first.point().start();
        for (Row r : relevant) {
            if (!r.point().start().equals(expected) || !r.step().equals(first.step())) {
                break;
            }
            points.add(r.point());
            expected = expected.plus(first.step());
        }
        return Optional.of(new Signal(zone, source, first.kind(), first.scope(), first.step(), null, points));
    }

    private static SignalPoint point(ResultSet rs) throws SQLException {
        return new SignalPoint(Jdbc.instant(rs, "start_at"), rs.getDouble("g_per_kwh"), rs.getBoolean("filled"));
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
