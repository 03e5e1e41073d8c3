package io.greenwindow.executor.slurm;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The plans still to be carried to a Slurm cluster (table {@code slurm_submissions}): one row per job, written in
 * the transaction that stores the job's plan and deleted once the cluster has it. A rolled-back plan leaves no row
 * and so no Slurm job; a committed one whose sbatch never ran (the service died in between) is found at the next
 * start. Each row names the zone planned, so that only the service of that zone's cluster carries it out.
 */
final class SlurmSubmissions {

    private final Jdbc jdbc;

    SlurmSubmissions(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    /** One request: the job whose newest plan is to be carried to the cluster. */
    record Request(String jobId, String requestId) {
    }

    /** Records (in the transaction open on this thread, if any) that the job's newest plan is for {@code zone}. */
    void request(String jobId, String zone, Instant at) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM slurm_submissions WHERE job_id = ?", jobId);
            return Jdbc.update(c, "INSERT INTO slurm_submissions (job_id, request_id, zone, requested_at) "
                    + "VALUES (?, ?, ?, ?)", jobId, UUID.randomUUID().toString(), zone, at);
        });
    }

    /** Runs {@code action} after the open transaction commits (at once without one). */
    void afterCommit(Runnable action) {
        jdbc.afterCommit(action);
    }

    /** The jobs whose plans for {@code zone} are not carried out yet, oldest request first. */
    List<Request> pending(String zone) {
        return jdbc.query("SELECT job_id, request_id FROM slurm_submissions WHERE zone = ? "
                + "ORDER BY requested_at, job_id", rs -> new Request(rs.getString("job_id"),
                        rs.getString("request_id")), zone);
    }

    /** Done with this request; a newer one for the same job, written meanwhile, stays. */
    void done(Request r) {
        jdbc.execute("DELETE FROM slurm_submissions WHERE job_id = ? AND request_id = ?", r.jobId(), r.requestId());
    }
}
