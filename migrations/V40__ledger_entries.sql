-- The carbon ledger: append-only, hash-chained. The application has no UPDATE or DELETE on this table, and
-- V41 (a Java migration, because H2 and PostgreSQL write triggers differently) adds a trigger refusing both.
-- seq is the chain position: the primary key on seq and the unique prev_hash stop two concurrent appends from
-- forking the chain (the loser of the race fails, re-reads the head and retries).
CREATE TABLE ledger_entry (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    recorded_at   TIMESTAMP    NOT NULL,
    kind          VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    job_id        VARCHAR(200) NOT NULL,
    team          VARCHAR(200) NOT NULL,
    zone          VARCHAR(100) NOT NULL,
    run_end       TIMESTAMP    NOT NULL,
    completes_seq BIGINT,
    content       TEXT         NOT NULL,
    prev_hash     VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL,
    CONSTRAINT ledger_entry_prev_hash_unique UNIQUE (prev_hash),
    CONSTRAINT ledger_entry_hash_unique UNIQUE (hash)
);

CREATE INDEX ledger_entry_team_run_end ON ledger_entry (team, run_end);
CREATE INDEX ledger_entry_job ON ledger_entry (job_id);
CREATE INDEX ledger_entry_completes ON ledger_entry (completes_seq);
