package io.greenwindow.cli;

import io.greenwindow.db.Database;
import io.greenwindow.db.DataFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code greenwindow restore --from FILE --data DIR}: puts a backup made by {@code greenwindow backup} into an
 * empty data folder, checks that it opens as a greenwindow database, and marks the folder initialised.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a backup made by 'greenwindow backup' into an empty data folder (the service stopped).")
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup (.zip)")
    Path from;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The data folder to restore into; must be empty or new")
    Path data;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new CliException("--from: no backup file at " + from);
        }
        if (Files.isDirectory(data)) {
            try (Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new CliException("--data: " + data + " is not empty; restore into a new or empty folder"
                            + " (move the damaged one away first)");
                }
            }
        }
        try (ZipFile zip = new ZipFile(from.toFile())) {
            if (zip.getEntry(DataFolder.DB_FILE) == null) {
                throw new CliException("--from: " + from + " is not a greenwindow backup (it holds no " + DataFolder.DB_FILE + ")");
            }
        } catch (java.util.zip.ZipException e) {
            throw new CliException("--from: " + from + " is not a zip file (" + e.getMessage() + ")");
        }
        Files.createDirectories(data);
        org.h2.tools.Restore.execute(from.toString(), data.toString(), DataFolder.DB_NAME);
        // Opening migrates it to this version and checks its installation row; the folder is then marked.
        int jobs;
        try (Database db = Database.embedded(data)) {
            jobs = new io.greenwindow.db.Jdbc(db.dataSource()).queryOne("SELECT COUNT(*) AS n FROM jobs",
                    rs -> rs.getInt("n")).orElse(0);
        }
        System.out.println("restored " + from + " into " + data + " (" + jobs + " jobs); start it with: greenwindow"
                + " serve --data " + data);
        return 0;
    }
}
