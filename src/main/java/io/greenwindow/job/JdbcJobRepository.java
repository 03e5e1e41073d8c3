package io.greenwindow.job;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.job.spec.JobKind;
import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;
import io.greenwindow.reason.ReasonJson;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link JobRepository} on the service's database (H2 or PostgreSQL), plain SQL. */
public final class JdbcJobRepository implements JobRepository {

    private static final ObjectMapper JSON = JsonMapping.json();
    private static final String COLUMNS = "id, name, kind, team, state, reason, submitted_at, deadline, estimated_seconds, "
            + "zones, gpus, interruptible, priority, urgent, spec_source, spec_yaml, planned_start, zone, node, started_at, "
            + "finished_at, segments_run, model_path, summary, backend, updated_at, reason_code, reason_data";

    private final Jdbc jdbc;
    private final List<InsertWatcher> insertWatchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public JdbcJobRepository(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public void insert(Job job) {
        insert(job, null);
    }

    @Override
    public void insert(Job job, String submittedBy) {
        jdbc.inTransaction(c -> {
            raiseVersion(c);
            insertRow(c, job, submittedBy);
            event(c, job.id(), job.submittedAt(), null, job.state(), job.why());
            return null;
        });
    }

    @Override
    public Job insertPlanned(Job job, String submittedBy, JobState to, Reason reason, StoredPlan plan, Instant at) {
        JobStateTransitions.check(job.id(), job.state(), to);
        String segments = toJson(plan.segments());
        Job stored = job.withState(to, reason, at).withPlan(plan);
        jdbc.inTransaction(c -> {
            // One version for the whole write: the job, both its events and its plan become visible together.
            raiseVersion(c);
            insertRow(c, stored, submittedBy);
            event(c, job.id(), job.submittedAt(), null, job.state(), job.why());
            event(c, job.id(), at, job.state(), to, reason);
            insertPlan(c, plan, segments);
            if (!insertWatchers.isEmpty()) {
                long version = Jdbc.query(c, "SELECT jobs_version FROM planning_lock WHERE id = 1",
                        rs -> rs.getLong(1)).get(0);
                jdbc.afterCommit(() -> insertWatchers.forEach(w -> w.inserted(version, stored, plan)));
            }
            return null;
        });
        return stored;
    }

    @Override
    public void watchInserts(InsertWatcher watcher) {
        insertWatchers.add(watcher);
    }

    /** The job's row with who submitted it, marked with the version the caller's transaction raised. */
    private static void insertRow(Connection c, Job job, String submittedBy) throws SQLException {
        Jdbc.update(c, "INSERT INTO jobs (" + COLUMNS + ", submitted_by, changed_version) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?," + VERSION_NOW + ")",
                job.id(), job.name(), job.kind(), job.team(), job.state(), job.reason(), job.submittedAt(),
                job.deadline(), job.estimatedDuration().toSeconds(), String.join(",", job.zones()), job.gpus(),
                job.interruptible(), job.priority(), job.urgent(), job.specSource(), job.specYaml(),
                job.plannedStart(), job.zone(), job.node(), job.startedAt(), job.finishedAt(), job.segmentsRun(),
                job.modelPath(), job.summary(), job.backend(), job.updatedAt(), code(job.why()), data(job.why()),
                submittedBy);
    }

    @Override
    public boolean cancel(String id, JobState expected, Reason reason, String cancelledBy, Instant at) {
        JobStateTransitions.check(id, expected, JobState.CANCELLED);
        return jdbc.inTransaction(c -> {
            raiseVersion(c);
            int changed = Jdbc.update(c, "UPDATE jobs SET state = ?, reason = ?, reason_code = ?, reason_data = ?, "
                    + "updated_at = ?, finished_at = ?, cancelled_by = ?, " + MARK + " WHERE id = ? AND state = ?",
                    JobState.CANCELLED, reason.toString(), code(reason), data(reason), at, at, cancelledBy, id, expected);
            if (changed == 1) {
                event(c, id, at, expected, JobState.CANCELLED, reason);
            }
            return changed == 1;
        });
    }

    @Override
    public <T> T readTogether(java.util.function.Supplier<T> reads) {
        return jdbc.inTransaction(c -> reads.get());
    }

    @Override
    public JobAuthors authors(String id) {
        return jdbc.queryOne("SELECT submitted_by, cancelled_by FROM jobs WHERE id = ?",
                rs -> new JobAuthors(rs.getString("submitted_by"), rs.getString("cancelled_by")), id)
                .orElse(JobAuthors.UNKNOWN);
    }

    @Override
    public Optional<Job> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JdbcJobRepository::job, id);
    }

    @Override
    public List<Job> list(int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM jobs ORDER BY submitted_at DESC, id LIMIT " + Math.max(1, limit)
                + " OFFSET " + Math.max(0, offset), JdbcJobRepository::job);
    }

    @Override
    public List<Job> inStates(JobState... states) {
        String marks = Arrays.stream(states).map(s -> "?").collect(Collectors.joining(","));
        return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE state IN (" + marks + ") ORDER BY submitted_at, id",
                JdbcJobRepository::job, (Object[]) states);
    }

    @Override
    public boolean transition(String id, JobState expected, JobState to, Reason reason, Instant at) {
        JobStateTransitions.check(id, expected, to);
        return jdbc.inTransaction(c -> {
            raiseVersion(c);
            int changed = Jdbc.update(c, "UPDATE jobs SET state = ?, reason = ?, reason_code = ?, reason_data = ?, "
                            + "updated_at = ?, " + MARK + ", finished_at = CASE WHEN ? THEN ? ELSE finished_at END "
                            + "WHERE id = ? AND state = ?",
                    to, reason.toString(), code(reason), data(reason), at, to.isFinal(), at, id, expected);
            if (changed == 1) {
                event(c, id, at, expected, to, reason);
            }
            return changed == 1;
        });
    }

    @Override
    public boolean markStarted(String id, JobState expected, String zone, String node, Reason reason, Instant at) {
        JobStateTransitions.check(id, expected, JobState.RUNNING);
        return jdbc.inTransaction(c -> {
            raiseVersion(c);
            int changed = Jdbc.update(c, "UPDATE jobs SET state = ?, reason = ?, reason_code = ?, reason_data = ?, "
                            + "zone = ?, node = ?, updated_at = ?, " + MARK + ", started_at = COALESCE(started_at, ?) "
                            + "WHERE id = ? AND state = ?",
                    JobState.RUNNING, reason.toString(), code(reason), data(reason), zone, node, at, at, id, expected);
            if (changed == 1) {
                event(c, id, at, expected, JobState.RUNNING, reason);
            }
            return changed == 1;
        });
    }

    @Override
    public boolean claim(String id, String fromNode, String toNode, Instant at) {
        // The node a running job holds counts in the planner's capacity: a takeover is a change it must see.
        return jdbc.inTransaction(c -> {
            raiseVersion(c);
            return Jdbc.update(c, "UPDATE jobs SET node = ?, updated_at = ?, " + MARK + " WHERE id = ? AND state = ? "
                    + "AND node = ?", toNode, at, id, JobState.RUNNING, fromNode) == 1;
        });
    }

    @Override
    public void recordOutcome(String id, int segmentsRun, String modelPath, String summary, String backend, Instant at) {
        jdbc.execute("UPDATE jobs SET segments_run = ?, model_path = COALESCE(?, model_path), summary = ?, "
                + "backend = COALESCE(?, backend), updated_at = ? WHERE id = ?", segmentsRun, modelPath, summary, backend, at, id);
    }

    @Override
    public List<JobEvent> events(String id) {
        return jdbc.query("SELECT job_id, at, from_state, to_state, reason, reason_data FROM job_events "
                        + "WHERE job_id = ? ORDER BY id",
                rs -> new JobEvent(rs.getString("job_id"), Jdbc.instant(rs, "at"), state(rs.getString("from_state")),
                        JobState.valueOf(rs.getString("to_state")), reason(rs)), id);
    }

    @Override
    public void savePlan(StoredPlan plan) {
        String segments = toJson(plan.segments());
        jdbc.inTransaction(c -> {
            raiseVersion(c);
            Jdbc.update(c, "DELETE FROM job_plans WHERE job_id = ?", plan.jobId());
            insertPlan(c, plan, segments);
            Jdbc.update(c, "UPDATE jobs SET planned_start = ?, zone = COALESCE(zone, ?), " + MARK + " WHERE id = ?",
                    plan.start(), plan.zone(), plan.jobId());
            return null;
        });
    }

    private static void insertPlan(Connection c, StoredPlan plan, String segments) throws SQLException {
        Jdbc.update(c, "INSERT INTO job_plans (job_id, decision, zone, segments, expected_g_per_kwh, now_g_per_kwh, "
                        + "expected_saving, reason, policy, planned_at, reason_code, reason_data) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                plan.jobId(), plan.decision(), plan.zone(), segments, finite(plan.expectedGPerKwh()),
                finite(plan.nowGPerKwh()), finite(plan.expectedSaving()), plan.reason(), plan.policy(), plan.plannedAt(),
                code(plan.why()), data(plan.why()));
    }

    @Override
    public Optional<StoredPlan> plan(String jobId) {
        return jdbc.queryOne("SELECT * FROM job_plans WHERE job_id = ?", JdbcJobRepository::storedPlan, jobId);
    }

    @Override
    public List<StoredPlan> plansInStates(JobState... states) {
        String marks = Arrays.stream(states).map(s -> "?").collect(Collectors.joining(","));
        return jdbc.query("SELECT p.* FROM job_plans p JOIN jobs j ON j.id = p.job_id WHERE j.state IN (" + marks
                + ") ORDER BY p.job_id", JdbcJobRepository::storedPlan, (Object[]) states);
    }

    @Override
    public long count(String team, JobState... states) {
        String marks = Arrays.stream(states).map(s -> "?").collect(Collectors.joining(","));
        Object[] params = new Object[states.length + 1];
        params[0] = team;
        System.arraycopy(states, 0, params, 1, states.length);
        return jdbc.queryOne("SELECT COUNT(*) AS n FROM jobs WHERE team = ? AND state IN (" + marks + ")",
                rs -> rs.getLong("n"), params).orElse(0L);
    }

    @Override
    public long version() {
        return jdbc.queryOne("SELECT jobs_version FROM planning_lock WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public List<Job> changedSince(long version) {
        return jdbc.query("SELECT " + COLUMNS + " FROM jobs WHERE changed_version > ? ORDER BY changed_version, id",
                JdbcJobRepository::job, version);
    }

    @Override
    public void afterCommit(Runnable action) {
        jdbc.afterCommit(action);
    }

    /**
     * First in every write of a job's state or plan: raises the version. The row is the planning lock's, so the
     * write waits for a planner that holds it, and writes take the version in the order they commit.
     */
    private static void raiseVersion(Connection c) throws SQLException {
        Jdbc.update(c, "UPDATE planning_lock SET jobs_version = jobs_version + 1 WHERE id = 1");
    }

    /** The version the caller's transaction raised, as SQL. */
    private static final String VERSION_NOW = "(SELECT jobs_version FROM planning_lock WHERE id = 1)";

    /** Marks a written job's row with the version its write raised (see {@link #changedSince}). */
    private static final String MARK = "changed_version = " + VERSION_NOW;

    private static StoredPlan storedPlan(ResultSet rs) throws SQLException {
        return new StoredPlan(rs.getString("job_id"), rs.getString("decision"), rs.getString("zone"),
                fromJson(rs.getString("segments")), rs.getDouble("expected_g_per_kwh"), rs.getDouble("now_g_per_kwh"),
                rs.getDouble("expected_saving"), reason(rs), rs.getString("policy"),
                Jdbc.instant(rs, "planned_at"));
    }

    private static void event(Connection c, String id, Instant at, JobState from, JobState to, Reason reason)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO job_events (job_id, at, from_state, to_state, reason, reason_code, reason_data) "
                + "VALUES (?,?,?,?,?,?,?)", id, at, from == null ? null : from.name(), to, reason.toString(),
                code(reason), data(reason));
    }

    /** The stored sentence stays beside the code and arguments, for readers of the table and rows from before. */
    private static Reason reason(ResultSet rs) throws SQLException {
        return ReasonJson.read(rs.getString("reason_data"), rs.getString("reason"));
    }

    /** A sentence without a code is stored as the sentence alone, like the rows from before codes. */
    private static String code(Reason r) {
        return r.code() == ReasonCode.TEXT ? null : r.code().name();
    }

    private static String data(Reason r) {
        return r.code() == ReasonCode.TEXT ? null : ReasonJson.write(r);
    }

    private static Job job(ResultSet rs) throws SQLException {
        String zones = rs.getString("zones");
        return new Job(rs.getString("id"), rs.getString("name"), kind(rs.getString("kind")), rs.getString("team"),
                JobState.valueOf(rs.getString("state")), reason(rs), Jdbc.instant(rs, "submitted_at"),
                Jdbc.instant(rs, "deadline"), Duration.ofSeconds(rs.getLong("estimated_seconds")),
                zones.isEmpty() ? List.of() : List.of(zones.split(",")), rs.getInt("gpus"),
                rs.getBoolean("interruptible"), rs.getInt("priority"), rs.getBoolean("urgent"),
                rs.getString("spec_source"), rs.getString("spec_yaml"), Jdbc.instant(rs, "planned_start"),
                rs.getString("zone"), rs.getString("node"), Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "finished_at"),
                rs.getInt("segments_run"), rs.getString("model_path"), rs.getString("summary"),
                rs.getString("backend"), Jdbc.instant(rs, "updated_at"));
    }

    private static JobKind kind(String name) {
        return JobKind.valueOf(name);
    }

    private static JobState state(String name) {
        return name == null ? null : JobState.valueOf(name);
    }

    /** NaN cannot be stored in every database; a plan without a figure stores 0 and says so in its reason. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0.0;
    }

    private static String toJson(List<StoredPlan.Segment> segments) {
        try {
            return JSON.writeValueAsString(segments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<StoredPlan.Segment> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored plan segments are not valid JSON: " + json, e);
        }
    }
}
