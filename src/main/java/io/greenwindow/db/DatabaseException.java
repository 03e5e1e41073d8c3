package io.greenwindow.db;

/** A database that could not be opened, migrated or queried. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
