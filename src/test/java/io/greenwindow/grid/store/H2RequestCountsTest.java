package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2RequestCountsTest extends RequestCountsContract {
    @Override
    Database open() {
        return TestDatabases.h2();
    }
}
