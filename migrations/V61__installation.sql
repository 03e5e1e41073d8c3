-- Written once, by the first migration of a new database: a database without this row is not one greenwindow
-- initialised (an empty file that H2 silently turned into a new database, say), and the service refuses it.
CREATE TABLE installation (
    id         VARCHAR(32) PRIMARY KEY,
    created_at TIMESTAMP   NOT NULL
);
INSERT INTO installation (id, created_at) VALUES ('greenwindow', CURRENT_TIMESTAMP);
