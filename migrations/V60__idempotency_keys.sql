-- Idempotency keys of job submissions: a retry that carries the same key (after a timeout, say) gets the job the
-- first attempt stored instead of a second job. job_id is NULL while the first attempt is still storing it.
CREATE TABLE idempotency_keys (
    idem_key     VARCHAR(200) PRIMARY KEY,
    request_hash VARCHAR(64)  NOT NULL,
    job_id       VARCHAR(64),
    created_at   TIMESTAMP    NOT NULL
);
