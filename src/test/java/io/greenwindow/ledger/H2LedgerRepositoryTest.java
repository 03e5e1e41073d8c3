package io.greenwindow.ledger;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;

class H2LedgerRepositoryTest extends LedgerRepositoryContract {

    @Override
    Database openDatabase() {
        return TestDatabases.h2();
    }

    @Override
    void dropAppendOnlyTrigger(Jdbc jdbc) {
        jdbc.execute("DROP TRIGGER ledger_entry_append_only");
    }

    @Override
    void restoreAppendOnlyTrigger(Jdbc jdbc) {
        jdbc.execute("CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry FOR EACH ROW CALL '"
                + H2AppendOnlyTrigger.class.getName() + "'");
    }
}
