-- What each node offers the planner: job slots (how many jobs it runs at once) and usable GPUs. A zone's capacity
-- is the sum over its nodes that still beat.
ALTER TABLE nodes ADD COLUMN slots INTEGER NOT NULL DEFAULT 1;
ALTER TABLE nodes ADD COLUMN gpus INTEGER NOT NULL DEFAULT 0;

-- Releases and pauses waiting for their instant (on the service clock). A release names the zone its segment is
-- planned in and only a node of that zone with room takes it; taking is deleting the row, so exactly one node
-- does. Written in the same transaction as the job's plan: a job is stored with its plan and releases, or not.
CREATE TABLE release_queue (
    job_id      VARCHAR(40)  NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    segment     INTEGER      NOT NULL,
    due_at      TIMESTAMP    NOT NULL,
    zone        VARCHAR(64),
    gpus        INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, action, segment)
);
CREATE INDEX release_queue_due ON release_queue (due_at);

-- Background work that must run once per cluster per interval (re-planning, ledger completion, pruning): the
-- node holding an unexpired lease does it.
CREATE TABLE cluster_leases (
    name        VARCHAR(64)  PRIMARY KEY,
    holder      VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMP    NOT NULL
);

-- One row every planner locks (UPDATE) before it reads the capacity and until its plans are stored, so that two
-- nodes never promise the same slot.
CREATE TABLE planning_lock (
    id          INTEGER      PRIMARY KEY,
    locked_at   TIMESTAMP
);
INSERT INTO planning_lock (id, locked_at) VALUES (1, NULL);

-- What the node watching for news last saw, per zone ("forecast:DE" -> its newest generation time, "capacity:DE"
-- -> its slots and GPUs), so that a node taking the watch over compares with what the cluster saw.
CREATE TABLE news_marks (
    name        VARCHAR(100) PRIMARY KEY,
    mark        VARCHAR(200) NOT NULL
);
