package io.greenwindow.access;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresTokenStoreTest extends TokenStoreContract {
    @Override
    Database database() {
        return TestDatabases.postgres();
    }
}
