package io.greenwindow.access;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2TokenStoreTest extends TokenStoreContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
