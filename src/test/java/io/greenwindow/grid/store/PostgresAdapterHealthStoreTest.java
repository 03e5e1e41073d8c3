package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresAdapterHealthStoreTest extends AdapterHealthStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
