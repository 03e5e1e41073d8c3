package io.greenwindow.api;

import io.greenwindow.db.Backups;
import io.javalin.config.RoutesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code GET /api/backup}: an online backup of the embedded database, streamed as a zip (what {@code greenwindow
 * backup --out FILE} saves). The service's copy is deleted once sent.
 */
public final class BackupApi {

    private BackupApi() {
    }

    public static void register(RoutesConfig routes, Backups backups) {
        routes.get("/api/backup", ctx -> {
            Path file = backups.write();
            ctx.contentType("application/zip")
                    .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                    .header("Content-Length", Long.toString(Files.size(file)))
                    .result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        });
    }
}
