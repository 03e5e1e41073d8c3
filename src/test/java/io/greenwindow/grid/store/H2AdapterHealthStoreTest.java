package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2AdapterHealthStoreTest extends AdapterHealthStoreContract {
    @Override
    Database open() {
        return TestDatabases.h2();
    }
}
