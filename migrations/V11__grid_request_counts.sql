-- Requests sent to each provider in its current budget period, so that a restart (or another node on the same
-- database) does not start the month's count again.
CREATE TABLE grid_request_count (
    adapter       VARCHAR(64) PRIMARY KEY,
    period_start  TIMESTAMP   NOT NULL,
    used          BIGINT      NOT NULL
);
