package io.greenwindow.policy;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresPolicyStoreTest extends PolicyStoreContract {
    @Override
    Database open() {
        return TestDatabases.postgres();
    }
}
