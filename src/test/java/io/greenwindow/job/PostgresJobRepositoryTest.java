package io.greenwindow.job;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresJobRepositoryTest extends JobRepositoryContract {
    @Override
    Database database() {
        return TestDatabases.postgres();
    }
}
