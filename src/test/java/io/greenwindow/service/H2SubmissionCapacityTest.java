package io.greenwindow.service;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;

class H2SubmissionCapacityTest extends SubmissionCapacityContract {
    @Override
    Database database() {
        return TestDatabases.h2();
    }
}
