package io.greenwindow.grid.store;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresRequestCountsTest extends RequestCountsContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
