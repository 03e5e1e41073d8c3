package io.greenwindow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's own database: one pooled DataSource, migrated by Flyway at open. The same migrations (the
 * top-level {@code migrations/} folder, packaged as {@code classpath:db/migration}) serve H2 and PostgreSQL.
 */
public final class Database implements AutoCloseable {

    /**
     * H2 in PostgreSQL mode so that one set of migrations and one set of SQL serve both databases.
     *
     * <p>{@code WRITE_DELAY=0}: by default H2's MVStore writes committed transactions to the file in the background
     * (up to 500 ms later), so a kill -9 loses commits that were already acknowledged. Measured here: three runs of
     * auto-committed inserts killed after 3 s lost 1, 895 and 636 acknowledged rows by default, and none with
     * {@code WRITE_DELAY=0} (each commit is written to the file, without an fsync, before it returns; about 0.2 ms
     * per commit on these machines). The service promises that every acknowledged state change survives a crash of
     * the process, so the delay is off.
     *
     * <p>{@code QUERY_CACHE_SIZE=256}: H2 parses each statement again unless the session has it among its recently
     * prepared ones (8 by default); a submission alone prepares about 25 different statements, so with 8 each was
     * parsed every time (about a sixth of a submission's CPU, measured with JFR in SubmissionLoadBench).
     *
     * <p>{@code LOCK_TIMEOUT=30000}: every write of a job's state waits for the planner that holds the planning lock
     * (see service/PlanningLock), and a re-plan of a long queue on a loaded machine can hold it for seconds; H2's
     * default (2 s here) then failed writes that only had to wait. PostgreSQL waits without a limit by default.
     * Deadlocks are still refused at once (H2 detects them).
     */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=256;LOCK_TIMEOUT=30000";

    private final HikariDataSource dataSource;
    private final Vendor vendor;
    private final boolean h2File;

    private Database(HikariDataSource dataSource, Vendor vendor, boolean h2File) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.h2File = h2File;
    }

    public enum Vendor { H2, POSTGRESQL }

    /** The embedded default: an H2 file database in {@code dataDir}. */
    public static Database embedded(Path dataDir) {
        DataFolder folder = new DataFolder(dataDir);
        folder.checkBeforeOpen();
        Database db;
        try {
            // IFEXISTS is not used: a new folder gets a new database; the checks above refuse a lost one.
            db = open("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DataFolder.DB_NAME) + H2_OPTIONS, "sa", "");
        } catch (RuntimeException e) {
            throw Files.exists(folder.databaseFile()) && !DiskFull.in(e) && !isLocked(e) ? folder.unreadable(e) : e;
        }
        try {
            folder.checkAfterOpen(db.dataSource());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Another process holds the file: not damage, so its own message (which says so) is the right one. */
    private static boolean isLocked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("already in use") || m.contains("locked")) {
                return true;
            }
        }
        return false;
    }

    /** An H2 database that lives in memory as long as the JVM (tests). */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS, "sa", "");
    }

    /** Opens and migrates the database at {@code jdbcUrl}. */
    public static Database open(String jdbcUrl, String user, String password) {
        Vendor vendor = jdbcUrl.startsWith("jdbc:postgresql:") ? Vendor.POSTGRESQL : Vendor.H2;
        if (vendor == Vendor.H2 && !jdbcUrl.contains("MODE=PostgreSQL")) {
            jdbcUrl = jdbcUrl + H2_OPTIONS;
        } else if (vendor == Vendor.H2 && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            jdbcUrl = jdbcUrl + ";WRITE_DELAY=0";
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(jdbcUrl, user, password, vendor);
            } catch (DatabaseException e) {
                if (attempt >= 5 || !closedUnderUs(e)) {
                    throw e;
                }
                // The same file was being closed by an earlier Database of this JVM (see close): open it anew.
                sleepQuietly(200L * attempt);
            }
        }
    }

    private static Database openOnce(String jdbcUrl, String user, String password, Vendor vendor) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(10);
        config.setPoolName("greenwindow");
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new DatabaseException("Could not migrate the database at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return new Database(ds, vendor, jdbcUrl.startsWith("jdbc:h2:file:"));
    }

    /** H2's "The database has been closed" (90098) and "Database is already closed" (90121). */
    private static boolean closedUnderUs(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 90098 || sql.getErrorCode() == 90121)) {
                return true;
            }
        }
        return false;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while opening the database", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * Closes the pool, and an H2 file database with it, before returning.
     *
     * <p>Closing the pool alone closes H2's database only when its last connection closes, and HikariCP closes
     * connections on its own threads (a connection still in use is aborted, later). A database opened again in the
     * same JVM meanwhile (a restart, the CLI's restore) can be handed the closing instance and fail with "The
     * database has been closed" (seen once in CI). {@code SHUTDOWN} closes it in this thread, but also every other
     * session on the file in this JVM, so it is used only when all of the database's sessions are this pool's.
     */
    @Override
    public void close() {
        if (h2File && !dataSource.isClosed()) {
            shutDownH2IfOnlyUser();
        }
        dataSource.close();
    }

    private void shutDownH2IfOnlyUser() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            int sessions;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
                rs.next();
                sessions = rs.getInt(1);
            }
            if (sessions <= dataSource.getHikariPoolMXBean().getTotalConnections()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            // Already closed (a halt drill, a full disk): the pool's close below is all that is left to do.
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
