package io.greenwindow.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A small JDBC helper (in the spirit of db-scheduler's jdbc package) so that repositories hold SQL, not
 * connection handling. It knows no domain type.
 */
public final class Jdbc {

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public int execute(String sql, Object... params) {
        return inTransaction(c -> update(c, sql, params));
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return inTransaction(c -> query(c, sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Called inside
     * another transaction on the same data source (on this thread), it joins that one, so that writes of several
     * repositories (a job, its plan and its releases) commit or fail together.
     */
    public <T> T inTransaction(Work<T> work) {
        java.util.Map<DataSource, Connection> open = OPEN.get();
        Connection joined = open.get(dataSource);
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw new DatabaseException("Database error: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            open.put(dataSource, c);
            List<Runnable> after = new ArrayList<>();
            AFTER_COMMIT.get().put(dataSource, after);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                open.remove(dataSource);
                AFTER_COMMIT.get().remove(dataSource);
                c.setAutoCommit(auto);
            }
            after.forEach(Runnable::run);
            return result;
        } catch (SQLException e) {
            throw new DatabaseException("Database error: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code action} once the transaction open on this thread commits (never when it rolls back), or at once
     * when none is open: for work outside the database that must follow only what was committed (a submission to
     * another system, written first as a row of its own so that a crash in between is completed at restart), or
     * in-memory state that must only ever reflect committed rows.
     */
    public void afterCommit(Runnable action) {
        List<Runnable> after = AFTER_COMMIT.get().get(dataSource);
        if (after == null) {
            action.run();
        } else {
            after.add(action);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** Reads a TIMESTAMP column written by {@link #bind} as an Instant (UTC), or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column, UTC_CALENDAR.get());
        return ts == null ? null : ts.toInstant();
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                // Stored as UTC wall time so that a server or session in another time zone reads the same instant.
                ps.setTimestamp(i + 1, Timestamp.from(instant), UTC_CALENDAR.get());
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** The transaction each thread has open per data source, for nested calls to join. */
    private static final ThreadLocal<java.util.Map<DataSource, Connection>> OPEN =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    /** What to run after the commit of each thread's open transaction, per data source. */
    private static final ThreadLocal<java.util.Map<DataSource, List<Runnable>>> AFTER_COMMIT =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    private static final ThreadLocal<java.util.Calendar> UTC_CALENDAR = ThreadLocal.withInitial(
            () -> java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
}
