-- Which node runs a job, and when each node was last seen: a node of the cluster takes over the running jobs of
-- a node that stopped answering.
ALTER TABLE jobs ADD COLUMN node VARCHAR(100);

CREATE TABLE nodes (
    name        VARCHAR(100) PRIMARY KEY,
    zone        VARCHAR(64)  NOT NULL,
    started_at  TIMESTAMP    NOT NULL,
    last_seen   TIMESTAMP    NOT NULL
);
