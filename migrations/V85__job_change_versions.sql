-- A planner reads only what changed since it last looked (service/Commitments). Every write of a job's state or
-- plan first raises planning_lock.jobs_version (so it also waits for a planner holding the lock: versions follow
-- commit order) and marks the job's row with the new value.
ALTER TABLE planning_lock ADD COLUMN jobs_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN changed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX jobs_changed_version ON jobs (changed_version);

-- The per-team cap on waiting jobs counts a team's held and paused jobs at every submission.
CREATE INDEX jobs_team_state ON jobs (team, state);
