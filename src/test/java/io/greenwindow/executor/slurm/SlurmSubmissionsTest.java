package io.greenwindow.executor.slurm;

import static io.greenwindow.executor.slurm.SlurmServiceKit.EXAMPLES;
import static io.greenwindow.executor.slurm.SlurmServiceKit.iris;
import static io.greenwindow.executor.slurm.SlurmServiceKit.slurmId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan reaches Slurm only after the transaction that stored it has committed, and one that committed reaches it
 * even when the service died before sbatch; only this service's own Slurm jobs are ever followed or adopted. Real
 * one-node Slurm 22.05 and a real PostgreSQL (embedded), shared by the services of a test.
 */
class SlurmSubmissionsTest {

    @RegisterExtension
    static final OneNodeSlurmExtension oneNode = new OneNodeSlurmExtension();

    @TempDir
    Path data;

    private final SettableClock clock = new SettableClock();

    private Greenwindow slurmService(String url) throws Exception {
        return SlurmServiceKit.start(data, "head-node", "DE", url, clock, SlurmServiceKit.env(oneNode.cluster(), data));
    }

    private static long greenwindowJobsInSlurm() {
        return oneNode.cluster().client.jobs().stream().filter(j -> j.name().startsWith(SlurmExecutor.NAME_PREFIX))
                .count();
    }

    @Test
    void aPlanWhoseCommitFails_leavesNoSlurmJob_andOneThatCommits_isInSlurmWhenSubmitReturns() throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String url = TestDatabases.postgresUrl();
        try (Greenwindow service = slurmService(url); Database db = Database.open(url, "postgres", "postgres")) {
            // PostgreSQL checks a deferred constraint trigger at COMMIT: the planning transaction of a job named
            // "doomed" fails there, after the plan (and, before this change, its sbatch) was made inside it.
            new Jdbc(db.dataSource()).execute("""
                    CREATE FUNCTION refuse_doomed() RETURNS trigger AS $$
                    BEGIN
                      IF NEW.name = 'doomed' THEN RAISE EXCEPTION 'commit refused for the test'; END IF;
                      RETURN NEW;
                    END $$ LANGUAGE plpgsql""");
            new Jdbc(db.dataSource()).execute("CREATE CONSTRAINT TRIGGER refuse_doomed AFTER INSERT ON jobs "
                    + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_doomed()");
            long before = greenwindowJobsInSlurm();

            assertThatThrownBy(() -> service.jobs().submit(iris("doomed", false), "a.yaml", EXAMPLES, "PT48H"))
                    .hasStackTraceContaining("commit refused for the test");

            assertThat(greenwindowJobsInSlurm()).as("no Slurm job for a plan that was rolled back").isEqualTo(before);
            assertThat(service.jobs().list(100)).noneMatch(j -> j.name().equals("doomed"));
            assertThat(new SlurmSubmissions(db).pending("DE")).isEmpty();

            Job fine = service.jobs().submit(iris("fine", false), "b.yaml", EXAMPLES, "PT48H");
            assertThat(oneNode.cluster().job("gw-" + fine.id())).as("submitted right after the commit").isPresent()
                    .get().extracting(SlurmJob::state).isEqualTo("PENDING");
            assertThat(new SlurmSubmissions(db).pending("DE")).isEmpty();
            service.jobs().cancel(fine.id());
        }
    }

    @Test
    void aPlanCommittedButNeverSubmitted_isSubmittedAtRestart_neverAdoptingAnotherUsersJobOfTheSameName()
            throws Exception {
        clock.set(Instant.parse("2026-03-02T06:00:00Z"));
        String url = TestDatabases.postgresUrl();
        // GIVEN what a crash between the commit and sbatch leaves: the job HELD with its plan and its request row,
        // and no Slurm job (made here by a service that does not run Slurm, plus the row the plan writes).
        Job job;
        try (Greenwindow local = SlurmServiceKit.start(data, "head-node", "DE", url, clock,
                java.util.Map.of("GREENWINDOW_EXECUTOR", "local"))) {
            job = local.jobs().submit(iris("iris-crash", false), "a.yaml", EXAMPLES, "PT48H");
            assertThat(job.state()).as(job.reason()).isEqualTo(JobState.HELD);
        }
        try (Database db = Database.open(url, "postgres", "postgres")) {
            new SlurmSubmissions(db).request(job.id(), "DE", clock.instant());
        }
        // ... and another user's running job that happens to carry the job's Slurm name.
        String outside = oneNode.cluster().run("sbatch", "--parsable", "--uid=nobody", "--chdir=/tmp",
                "--output=/dev/null", "--cpus-per-task=1", "--mem=64", "--job-name=gw-" + job.id(), "--wrap=sleep 300")
                .stdout().trim();
        try {
            oneNode.cluster().await("gw-" + job.id(), j -> j.state().equals("RUNNING"), Duration.ofSeconds(30));

            // WHEN the service starts again with Slurm
            try (Greenwindow service = slurmService(url); Database db = Database.open(url, "postgres", "postgres")) {
                SlurmExecutor slurm = (SlurmExecutor) service.executor();
                slurm.poll();
                slurm.poll();

                // THEN it submitted its own Slurm job, waiting for the planned start with the plan's reason
                String ours = slurmId(service, job.id());
                assertThat(ours).isNotEqualTo(outside);
                List<SlurmJob> named = oneNode.cluster().client.jobs().stream()
                        .filter(j -> j.name().equals("gw-" + job.id())).toList();
                assertThat(named).extracting(SlurmJob::id).containsExactlyInAnyOrder(ours, outside);
                SlurmJob mine = named.stream().filter(j -> j.id().equals(ours)).findFirst().orElseThrow();
                assertThat(mine.state()).isEqualTo("PENDING");
                assertThat(mine.reason()).isEqualTo("BeginTime");
                assertThat(mine.comment()).isEqualTo(job.reason());
                assertThat(new SlurmSubmissions(db).pending("DE")).isEmpty();
                // and the other user's running job moved nothing in greenwindow
                Job now = service.jobs().get(job.id());
                assertThat(now.state()).as(now.reason()).isEqualTo(JobState.HELD);
                service.jobs().cancel(job.id());
            }
        } finally {
            oneNode.cluster().run("scancel", outside);
        }
    }
}
