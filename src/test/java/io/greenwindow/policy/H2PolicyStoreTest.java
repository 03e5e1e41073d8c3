package io.greenwindow.policy;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2PolicyStoreTest extends PolicyStoreContract {
    @Override
    Database open() {
        return TestDatabases.h2();
    }
}
