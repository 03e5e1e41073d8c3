package io.greenwindow.service;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class PostgresSubmissionCapacityTest extends SubmissionCapacityContract {
    @Override
    Database database() {
        return TestDatabases.postgres();
    }
}
