package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresSignalStoreTest extends SignalStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
