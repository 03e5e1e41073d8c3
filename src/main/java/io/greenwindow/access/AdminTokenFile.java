package io.greenwindow.access;

import io.greenwindow.db.DatabaseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first start of a data folder writes an admin token to {@code <data>/admin-token}, readable by its owner
 * only (0600), so that the CLI on the same machine works with nothing to paste. Later starts leave the file alone,
 * even when it was deleted on purpose? No: a missing file means a first start, so a new admin token is made; the
 * old one stays valid until an admin revokes it. The log says where the file is, never what is in it.
 */
public final class AdminTokenFile {

    public static final String FILE_NAME = "admin-token";
    static final String FIRST_NAME = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFile.class);

    private AdminTokenFile() {
    }

    /** Writes the file unless it exists; returns its path either way. */
    public static Path ensure(Path dataDir, TokenStore tokens) {
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return file;
        }
        NewToken token = create(tokens, "first start of " + dataDir.toAbsolutePath());
        try {
            write(file, token.secret() + "\n");
        } catch (FileAlreadyExistsException e) {
            // Another process on the same folder won the race: its file stands; ours is revoked as never handed out.
            tokens.revoke(token.info().name(), "first start (lost the race to write " + file + ")");
            return file;
        } catch (IOException e) {
            tokens.revoke(token.info().name(), "first start (could not write " + file + ")");
            throw new UncheckedIOException("Could not write the admin token to " + file + ": " + e.getMessage(), e);
        }
        LOG.info("First start of {}: wrote an admin token (named '{}') to {}; the CLI on this machine reads it from there",
                dataDir.toAbsolutePath(), token.info().name(), file.toAbsolutePath());
        return file;
    }

    /** Reads the secret back (trimmed), as the CLI does. */
    public static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /** Nodes of one cluster may start at once: of two that pick the same free name, the loser picks again. */
    private static NewToken create(TokenStore tokens, String createdBy) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tokens.create(freeName(tokens), Role.ADMIN, Set.of(), createdBy, null);
            } catch (TokenNameTakenException | DatabaseException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private static String freeName(TokenStore tokens) {
        String name = FIRST_NAME;
        for (int i = 2; tokens.exists(name); i++) {
            name = FIRST_NAME + "-" + i;
        }
        return name;
    }

    /** Creates the file with owner-only permissions from the start (never world-readable, not even briefly). */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp;
        try {
            temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".admin-token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) { // not a POSIX file system: the folder's own protection applies
            temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".admin-token", ".tmp");
        }
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            // A hard link appears whole or not at all, and fails (unlike a rename) when the file appeared meanwhile.
            Files.createLink(file, temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
