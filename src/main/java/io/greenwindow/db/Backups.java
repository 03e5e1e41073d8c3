package io.greenwindow.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Online backups of the embedded database: H2's {@code BACKUP TO} writes a consistent zip of the database while
 * the service keeps running. A PostgreSQL database is backed up with its own tools (pg_dump, see README).
 */
public final class Backups {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path dir;
    private final Clock clock;

    /** @param dir where backups are written before they are handed out (a folder on the data disk) */
    public Backups(Database database, Path dir, Clock clock) {
        this.database = database;
        this.dir = dir;
        this.clock = clock;
    }

    /** Writes a new backup and returns its file, a zip that {@code greenwindow restore} reads. */
    public Path write() {
        if (database.vendor() != Database.Vendor.H2) {
            throw new IllegalArgumentException("backup: the service's database is PostgreSQL; back it up with pg_dump"
                    + " (see the README's Backup and restore section)");
        }
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "greenwindow-" + STAMP.format(clock.instant()) + "-", ".zip");
            Files.delete(file); // H2 writes the file itself and refuses an existing one
            String target = file.toAbsolutePath().toString().replace("'", "''");
            new Jdbc(database.dataSource()).execute("BACKUP TO '" + target + "'");
            return file;
        } catch (IOException e) {
            throw new DatabaseException("Could not write a backup in " + dir + ": " + e.getMessage(), e);
        }
    }
}
