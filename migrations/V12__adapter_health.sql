-- What each grid adapter last did (success, failure with its reason, failures in a row, the last fallback), so
-- that `greenwindow adapters` shows what was last known after a restart and on every node. One row per adapter;
-- reasons are the sentences shown to users, which never carry credentials. Instants are UTC wall times.
CREATE TABLE grid_adapter_health (
    adapter               VARCHAR(64)   PRIMARY KEY,
    last_success          TIMESTAMP,
    last_failure          TIMESTAMP,
    last_error            VARCHAR(2000),
    consecutive_failures  INTEGER       NOT NULL,
    last_fallback_at      TIMESTAMP,
    last_fallback         VARCHAR(2000)
);
