package io.greenwindow.job;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2JobRepositoryTest extends JobRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
