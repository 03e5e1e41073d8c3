-- Plans a Slurm executor still has to carry to its cluster (sbatch, or scontrol update of the start and comment).
-- Written in the planning transaction and deleted once done after the commit, so a rolled-back plan never leaves
-- a Slurm job behind and a crash between the commit and sbatch is completed at the next start. The zone is the
-- plan's: only the service whose cluster is in that zone carries it out.
CREATE TABLE slurm_submissions (
    job_id        VARCHAR(40)  PRIMARY KEY,
    request_id    VARCHAR(40)  NOT NULL,
    zone          VARCHAR(64)  NOT NULL,
    requested_at  TIMESTAMP    NOT NULL
);
