package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2SignalStoreTest extends SignalStoreContract {
    @Override
    Database open() {
        return TestDatabases.h2();
    }
}
