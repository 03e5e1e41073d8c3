package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;

class PostgresLedgerRepositoryTest extends LedgerRepositoryContract {

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
