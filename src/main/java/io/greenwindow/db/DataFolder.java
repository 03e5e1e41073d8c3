package io.greenwindow.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The embedded database's folder, which must be what it claims: once initialised it holds a marker file, and from
 * then on a missing, empty, truncated or corrupt database file stops the service with a sentence naming the file
 * and how to restore it, instead of starting an empty service that has silently lost every job and entry.
 */
public final class DataFolder {

    /** H2's file for a database named {@value #DB_NAME}. */
    public static final String DB_NAME = "greenwindow";
    public static final String DB_FILE = DB_NAME + ".mv.db";
    public static final String MARKER = "greenwindow.initialised";

    private final Path dir;

    public DataFolder(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path databaseFile() {
        return dir.resolve(DB_FILE);
    }

    public Path marker() {
        return dir.resolve(MARKER);
    }

    /** Refuses, before H2 opens anything, a database file that is missing or empty while the folder says it was initialised. */
    void checkBeforeOpen() {
        Path db = databaseFile();
        boolean initialised = Files.exists(marker());
        if (initialised && !Files.exists(db)) {
            throw refuse(db + " is missing although " + marker() + " says this folder holds a greenwindow database");
        }
        try {
            if (Files.exists(db) && Files.size(db) == 0) {
                throw refuse(db + " is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw refuse(db + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** After migration: an initialised folder's database must carry the installation row of its first migration. */
    void checkAfterOpen(DataSource dataSource) {
        boolean installed = new Jdbc(dataSource).queryOne("SELECT COUNT(*) AS n FROM installation",
                rs -> rs.getInt("n")).orElse(0) == 1;
        if (!installed) {
            throw refuse(databaseFile() + " has no installation record, so it is not the database this folder was"
                    + " initialised with");
        }
        if (!Files.exists(marker())) {
            writeMarker();
        }
    }

    /** The failure for a database that H2 could not open: the file is damaged. */
    DatabaseException unreadable(RuntimeException cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = String.valueOf(root.getMessage());
        why = why.length() > 160 ? why.substring(0, 160) + "..." : why;
        return new DatabaseException(sentence(databaseFile() + " is damaged or truncated (the database could not"
                + " read it: " + why + ")"), cause);
    }

    /** Records that the folder holds an initialised database; written atomically. */
    public void writeMarker() {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(MARKER + ".tmp");
            Files.writeString(tmp, "greenwindow database " + DB_FILE + " initialised " + Instant.now() + "\n");
            Files.move(tmp, marker(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatabaseException("Could not write " + marker() + ": " + e.getMessage(), e);
        }
    }

    private DatabaseException refuse(String what) {
        return new DatabaseException(sentence(what), null);
    }

    private String sentence(String what) {
        return "Refusing to start: " + what + "; restore it from a backup with 'greenwindow restore --from FILE"
                + " --data " + dir + "' (into an empty folder), or move the folder away to start afresh.";
    }
}
