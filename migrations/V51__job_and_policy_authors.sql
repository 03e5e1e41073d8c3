-- Who made each change: the token that submitted a job and the one that cancelled it, and the author of each
-- policy version. Rows written before tokens existed keep NULL (unknown).
ALTER TABLE jobs ADD COLUMN submitted_by VARCHAR(200);
ALTER TABLE jobs ADD COLUMN cancelled_by VARCHAR(200);
ALTER TABLE policy_versions ADD COLUMN author VARCHAR(200);
