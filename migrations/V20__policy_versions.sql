-- Admins' planning policies. Every change is a new row (name, version); rows are never updated, so each plan
-- can name the exact version that decided it (e.g. default@3). The rules are a JSON document (PolicyRules).
CREATE TABLE policy_versions (
    name       VARCHAR(100) NOT NULL,
    version    INTEGER      NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    rules      TEXT         NOT NULL,
    PRIMARY KEY (name, version)
);
