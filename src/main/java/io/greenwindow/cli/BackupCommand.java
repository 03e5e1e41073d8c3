package io.greenwindow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greenwindow backup --out FILE}: an online backup of the running service's embedded database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Saves an online backup of the running service's H2 database as a zip (the service keeps running).",
                "Restore it with 'greenwindow restore --from FILE --data DIR'. For PostgreSQL use pg_dump (README)."})
public final class BackupCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the backup (a .zip)")
    Path out;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        long bytes = server.client().download("/api/backup", out.toAbsolutePath());
        System.out.println("backup written to " + out + " (" + bytes + " bytes); restore it with: greenwindow restore"
                + " --from " + out + " --data DIR");
        return 0;
    }
}
