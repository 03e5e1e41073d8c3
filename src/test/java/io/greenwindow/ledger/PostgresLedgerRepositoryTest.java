package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import org.junit.jupiter.api.Test;

class PostgresLedgerRepositoryTest extends LedgerRepositoryContract {

    @Test
    void truncate_isRefusedByTheDatabase() {
        try (Database db = openDatabase()) {
            Jdbc jdbc = new Jdbc(db.dataSource());
            assertThatThrownBy(() -> jdbc.execute("TRUNCATE ledger_entry"))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("append-only");
        }
    }

    @Override
    Database openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    void dropAppendOnlyTrigger(Jdbc jdbc) {
        jdbc.execute("ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only");
    }

    @Override
    void restoreAppendOnlyTrigger(Jdbc jdbc) {
        jdbc.execute("ALTER TABLE ledger_entry ENABLE TRIGGER ledger_entry_append_only");
    }
}
