-- Bearer tokens, stored only as the SHA-256 of their secret. Rows are never deleted: a revoked token keeps its
-- row (and its name) as the record of who made it, who revoked it and when.
CREATE TABLE access_tokens (
    name        VARCHAR(64)  PRIMARY KEY,
    secret_hash VARCHAR(64)  NOT NULL UNIQUE,
    role        VARCHAR(16)  NOT NULL,
    teams       VARCHAR(1000) NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    expires_at  TIMESTAMP,
    revoked_at  TIMESTAMP,
    revoked_by  VARCHAR(200)
);
