package io.greenwindow.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
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
        return new Database(ds, vendor);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
