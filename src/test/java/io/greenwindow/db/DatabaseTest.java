package io.greenwindow.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void migrations_onH2_createQuartzTables() {
        try (Database db = TestDatabases.h2()) {
            assertQuartzTables(db);
        }
    }

    @Test
    void migrations_onPostgres_createQuartzTables() {
        try (Database db = TestDatabases.postgres()) {
            assertThat(db.vendor()).isEqualTo(Database.Vendor.POSTGRESQL);
            assertQuartzTables(db);
        }
    }

    private static void assertQuartzTables(Database db) {
        Jdbc jdbc = new Jdbc(db.dataSource());
        long count = jdbc.queryOne("SELECT COUNT(*) FROM information_schema.tables WHERE lower(table_name) LIKE 'qrtz_%'",
                rs -> rs.getLong(1)).orElseThrow();
        assertThat(count).isEqualTo(11);
    }
}
