package io.greenwindow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.grid.CarbonSignals;
import io.greenwindow.grid.SettableClock;
import io.greenwindow.job.JdbcIdempotencyKeys;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobState;
import io.greenwindow.job.StoredPlan;
import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.ReleaseAction;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.CarbonBudget;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.InMemoryPolicyStore;
import io.greenwindow.reason.Reason;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capacity kept in memory between submissions ({@link Commitments}, {@link PromisedCapacity}) under concurrent
 * submissions on one database: two service nodes of one zone, each with its own kept capacity, its own planning
 * lock queue and its own job service, take submissions from many threads at once (plain and with idempotency
 * keys, some failing inside their transaction, some cancelled). Afterwards the stored plans are read with plain SQL
 * and swept by {@link StoredPlanSweep}: no instant may need more job slots (or GPUs, or one node's GPUs) than the
 * live nodes offer. The clock stands still (no race with it); threads wait on latches and futures, not on sleeps.
 */
abstract class SubmissionCapacityContract {

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(2);

    abstract Database database();

    private final SettableClock clock = SettableClock.at("2026-03-02T06:00:00Z");
    private Database db;
    private JdbcNodeRegistry registry;
    private final List<Node> nodes = new ArrayList<>();

    /**
     * A forecast of 72 hours where the hours differ (seeded, 150 to 349 g/kWh), with the greenest hour 12:00-13:00
     * at 20 g/kWh, which every job whose deadline allows wants, so the slots there are contested, and the next
     * greenest 06:00-07:00 at 30.
     */
    private final CarbonSignals signals = HourlyForecast.of(MIDNIGHT, 72, hourly(new Random(7)));

    private static java.util.function.IntToDoubleFunction hourly(Random random) {
        double[] g = new double[72];
        for (int h = 0; h < g.length; h++) {
            g[h] = h == 12 ? 20 : h == 6 ? 30 : 150 + random.nextInt(200);
        }
        return h -> g[h];
    }

    @BeforeEach
    void openDatabase() {
        db = database();
        registry = new JdbcNodeRegistry(db);
    }

    @AfterEach
    void close() {
        nodes.forEach(Node::close);
        db.close();
    }

    /** A job slot on each of two nodes: 2 jobs at once in DE. */
    @Test
    void concurrentSubmissions_twoNodesOfOneSlot_storedPlansNeverExceedTwoJobsAtOnce() throws Exception {
        beat("de-a", 1, 0);
        beat("de-b", 1, 0);
        List<String> stored = submitConcurrently(8, 4, random -> 0, Starts.ON_FIRST_NODE);
        assertThat(stored).hasSizeGreaterThan(20);
        List<StoredPlanSweep.Use> uses = sweep(stored);
        assertThat(StoredPlanSweep.peakJobs(uses, "DE")).isEqualTo(2);
    }

    /** One node, one slot: never two jobs at once. */
    @Test
    void concurrentSubmissions_oneSlot_storedPlansNeverOverlap() throws Exception {
        beat("solo", 1, 0);
        List<String> stored = submitConcurrently(6, 4, random -> 0, Starts.ON_FIRST_NODE);
        List<StoredPlanSweep.Use> uses = sweep(stored);
        assertThat(StoredPlanSweep.peakJobs(uses, "DE")).isEqualTo(1);
    }

    /**
     * GPUs counted node by node: de-a has 2 GPUs and 2 slots, de-b 1 GPU and 1 slot; jobs want 0, 1 or 2 GPUs. At
     * no instant more than 3 jobs or 3 GPUs, and the jobs can be put on nodes (a 2-GPU job only on de-a, never
     * beside another GPU job there) for their whole runs.
     */
    @Test
    void concurrentSubmissions_gpusPerNode_storedPlansFitOnTheNodes() throws Exception {
        beat("de-a", 2, 2);
        beat("de-b", 1, 1);
        List<String> stored = submitConcurrently(8, 4, random -> random.nextInt(3), Starts.NONE);
        assertGpusFitTheNodes(sweep(stored));
    }

    /**
     * As above, with releases that fall due meanwhile starting their jobs on a node, as the release dispatcher
     * picks one ({@code NodeFit}: a node with all the job's GPUs, the smallest with room), while the others plan. At
     * no instant do the running jobs (each on its node, for the segment it runs) and the plans need more than one
     * node's slots or GPUs, and every release found a node with room.
     */
    @Test
    void concurrentSubmissions_gpusPerNode_withRunningJobs_neverExceedAnyNode() throws Exception {
        beat("de-a", 2, 2);
        beat("de-b", 1, 1);
        List<String> stored = submitConcurrently(8, 4, random -> random.nextInt(3), Starts.ON_A_FITTING_NODE);
        List<StoredPlanSweep.Use> uses = sweep(stored);
        assertThat(uses).filteredOn(u -> u.node() != null).as("running jobs on their nodes").isNotEmpty();
        assertThat(noRoom).as("releases that found no node with room").isEmpty();
        assertGpusFitTheNodes(uses);
    }

    private void assertGpusFitTheNodes(List<StoredPlanSweep.Use> uses) {
        List<StoredPlanSweep.Node> de = List.of(new StoredPlanSweep.Node("de-a", 2, 2),
                new StoredPlanSweep.Node("de-b", 1, 1));
        assertThat(StoredPlanSweep.peakJobs(uses, "DE")).isLessThanOrEqualTo(3);
        assertThat(StoredPlanSweep.peakGpus(uses, "DE")).isLessThanOrEqualTo(3);
        assertThat(StoredPlanSweep.overfullNodes(uses, "DE", de)).isEmpty();
        assertThat(StoredPlanSweep.assignable(uses, "DE", de)).as("a node for every job, throughout its run: %s", uses)
                .isTrue();
    }

    /**
     * A submission that fails inside its transaction, after its plan took the greenest hour, leaves nothing behind:
     * no job, no plan, and the next job (on the same node, whose kept capacity saw the failed plan being made, and
     * on the other) gets that hour.
     */
    @Test
    void failedSubmission_rolledBack_leavesNoPromise() throws Exception {
        beat("solo", 1, 0);
        Node a = node("a");
        Node b = node("b");
        Instant green = MIDNIGHT.plus(Duration.ofHours(12));
        assertThatThrownBy(() -> a.submit(spec("doomed-1", 60, 12, 0, false))).hasMessageContaining("doomed");
        // Keyed: the key's transaction wraps the job's; the job was stored and planned, then the key failed.
        assertThatThrownBy(() -> a.keyed("k2", spec("doomed-late-2", 60, 12, 0, false))).hasMessageContaining("doomed");
        assertThatThrownBy(() -> b.keyed("k3", spec("doomed-late-3", 60, 12, 0, false))).hasMessageContaining("doomed");
        assertThat(count("SELECT COUNT(*) FROM jobs")).isZero();
        assertThat(count("SELECT COUNT(*) FROM job_plans")).isZero();
        assertThat(count("SELECT COUNT(*) FROM idempotency_keys")).isZero();

        Job onA = a.submit(spec("after-on-a", 60, 12, 0, false));
        assertThat(onA.plannedStart()).as(onA.reason()).isEqualTo(green);
        Job onB = b.submit(spec("after-on-b", 60, 12, 0, false));
        assertThat(onB.plannedStart()).as("12:00 is promised to the job before").isNotEqualTo(green);
        assertThat(StoredPlanSweep.peakJobs(StoredPlanSweep.pendingSegments(db, clock.instant()), "DE")).isEqualTo(1);
    }

    /**
     * An interruptible job of two hours due at 16:00 is planned in the two greenest hours, 06:00 and 12:00. While
     * it runs its first hour, the second is still its own: a job submitted then does not get 12:00.
     */
    @Test
    void runningInterruptibleJob_keepsItsLaterSegment() throws Exception {
        beat("solo", 1, 0);
        Node a = node("a");
        Job split = a.submit(spec("split", 120, 10, 0, true));
        List<StoredPlan.Segment> segments = a.jobs.plan(split.id()).orElseThrow().segments();
        assertThat(segments).as(split.reason()).hasSize(2);
        assertThat(segments.get(1).end()).as("ends with the green hour (starts early by the checkpoint overhead)")
                .isEqualTo(MIDNIGHT.plus(Duration.ofHours(13)));

        // Its first segment is released (as the release queue and runner would do) and runs for 10 minutes.
        Instant started = segments.get(0).start();
        assertThat(new JdbcJobRepository(db).markStarted(split.id(), JobState.HELD, "DE", "solo",
                Reason.sentence("released"), started)).isTrue();
        clock.set(started.plus(Duration.ofMinutes(10)));
        beatAll();

        Job next = a.submit(spec("next", 60, 10, 0, false));
        assertThat(next.plannedStart()).as(next.reason()).isNotEqualTo(MIDNIGHT.plus(Duration.ofHours(12)))
                .as("the running segment ends at its pause, %s", segments.get(0).end())
                .isAfterOrEqualTo(segments.get(0).end());
        List<StoredPlanSweep.Use> uses = StoredPlanSweep.pendingSegments(db, clock.instant());
        assertThat(uses).extracting(StoredPlanSweep.Use::jobId).contains(split.id(), next.id());
        assertThat(StoredPlanSweep.peakJobs(uses, "DE")).isEqualTo(1);
    }

    /** A cancelled job's slot is free again, for the node that planned it and for the other. */
    @Test
    void cancel_freesTheSlot_nextJobTakesTheGreenestHour() throws Exception {
        beat("solo", 1, 0);
        Node a = node("a");
        Node b = node("b");
        Instant green = MIDNIGHT.plus(Duration.ofHours(12));
        Job first = a.submit(spec("first", 60, 12, 0, false));
        Job second = b.submit(spec("second", 60, 12, 0, false));
        assertThat(first.plannedStart()).isEqualTo(green);
        assertThat(second.plannedStart()).as("the slot at 12:00 is promised").isNotEqualTo(green);

        b.jobs.cancel(first.id()); // cancelled on the node that did not plan it
        Job third = a.submit(spec("third", 60, 12, 0, false));
        assertThat(third.plannedStart()).as(third.reason()).isEqualTo(green);
        a.jobs.cancel(third.id());
        Job fourth = b.submit(spec("fourth", 60, 12, 0, false));
        assertThat(fourth.plannedStart()).as(fourth.reason()).isEqualTo(green);
        assertThat(StoredPlanSweep.peakJobs(StoredPlanSweep.pendingSegments(db, clock.instant()), "DE")).isEqualTo(1);
    }

    /**
     * {@code threads} threads submit {@code perThread} jobs each, all released at once by a latch, to the two nodes
     * in turn, half with an idempotency key; every fifth fails inside its transaction and every seventh stored one
     * is cancelled by another thread's node. The minute moves on halfway (the kept capacity is rebuilt). Unless
     * {@code starts} is NONE, releases that fall due meanwhile mark their jobs running (on the release queue's
     * thread, while others plan).
     *
     * @return the ids of the jobs still waiting
     */
    private List<String> submitConcurrently(int threads, int perThread,
            java.util.function.ToIntFunction<Random> gpus, Starts starts) throws Exception {
        Node[] serving = {node("a", starts), node("b", starts)};
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Callable<List<String>> work = () -> {
                Random random = new Random(thread);
                List<String> kept = new ArrayList<>();
                go.await();
                for (int i = 0; i < perThread; i++) {
                    int n = thread * perThread + i;
                    Node node = serving[n % 2];
                    boolean doomed = n % 5 == 4;
                    String yaml = spec((!doomed ? "job-" : n % 2 == 0 ? "doomed-" : "doomed-late-") + n, 20 + 10 * random.nextInt(6),
                            4 + random.nextInt(30), gpus.applyAsInt(random), random.nextInt(4) == 0);
                    try {
                        Job job = n % 2 == 0 ? node.submit(yaml) : node.keyed("key-" + n, yaml);
                        assertThat(doomed).as("job %s stored", n).isFalse();
                        if (n % 7 == 6) {
                            serving[(n + 1) % 2].jobs.cancel(job.id());
                        } else {
                            kept.add(job.id());
                        }
                    } catch (IllegalStateException e) {
                        if (!doomed) {
                            throw e;
                        }
                    }
                    if (n == threads * perThread / 2) {
                        clock.advance(Duration.ofMinutes(1));
                        beatAll();
                    }
                }
                return kept;
            };
            futures.add(pool.submit(work));
        }
        go.countDown();
        List<String> stored = new ArrayList<>();
        try {
            for (Future<List<String>> f : futures) {
                stored.addAll(f.get(5, TimeUnit.MINUTES)); // a bound for a loaded machine, not an expectation
            }
        } finally {
            pool.shutdownNow();
        }
        if (starts != Starts.NONE) {
            // Each commit pokes the release queue; wait (bounded) until it has taken every release due by now.
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (count("SELECT COUNT(*) FROM release_queue WHERE action = ? AND due_at <= ?", ReleaseAction.RELEASE,
                    clock.instant()) > 0) {
                assertThat(System.nanoTime()).as("due releases taken within 2 minutes").isLessThan(until);
                Thread.sleep(50);
            }
            assertThat(count("SELECT COUNT(*) FROM jobs WHERE state = 'RUNNING'")).as("jobs started").isPositive();
        }
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE name LIKE 'doomed%'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM jobs WHERE state IN ('HELD', 'PAUSED', 'RUNNING')"))
                .isEqualTo(stored.size());
        return Collections.unmodifiableList(stored);
    }

    /** What the stored plans still hold from now, read past the service; every job kept is among it. */
    private List<StoredPlanSweep.Use> sweep(List<String> stored) {
        List<StoredPlanSweep.Use> uses = StoredPlanSweep.pendingSegments(db, clock.instant());
        assertThat(uses.stream().map(StoredPlanSweep.Use::jobId).distinct()).hasSize(stored.size());
        return uses;
    }

    private final List<Object[]> beats = Collections.synchronizedList(new ArrayList<>());

    private void beat(String name, int slots, int gpus) {
        beats.add(new Object[] {name, slots, gpus});
        registry.heartbeat(name, "DE", slots, gpus, clock.instant());
    }

    private void beatAll() {
        synchronized (beats) {
            beats.forEach(b -> registry.heartbeat((String) b[0], "DE", (int) b[1], (int) b[2], clock.instant()));
        }
    }

    private long count(String sql, Object... params) {
        return new Jdbc(db.dataSource()).queryOne(sql, rs -> rs.getLong(1), params).orElseThrow();
    }

    /** The iris example named {@code name}, of {@code minutes}, due {@code hours} from now. */
    private static String spec(String name, int minutes, int hours, int gpus, boolean interruptible) throws Exception {
        return Files.readString(AllowedRoots.EXAMPLES.resolve("iris-classifier.yaml"))
                .replace("name: iris-classifier", "name: " + name)
                .replace("schedule: {deadline: PT8H, estimatedDuration: PT20M, zones: [DE], gpus: 0, interruptible: true}",
                        "schedule: {deadline: PT" + hours + "H, estimatedDuration: PT" + minutes + "M, zones: [DE], "
                                + "gpus: " + gpus + ", interruptible: " + interruptible + "}");
    }

    private Node node(String name) {
        return node(name, Starts.NONE);
    }

    /** How a due release is taken: not at all, or its job marked running, as a runner with room would. */
    private enum Starts {
        NONE,
        /** The job runs on the first node (where only job slots count, the node does not matter). */
        ON_FIRST_NODE,
        /**
         * Every due job runs on a node with all its GPUs and room, the smallest (the release dispatcher's rule),
         * in the order of their planned starts (at one start, the most GPUs first), inside the planning lock.
         */
        ON_A_FITTING_NODE
    }

    private Node node(String name, Starts starts) {
        Node n = new Node(name, starts);
        nodes.add(n);
        return n;
    }

    /**
     * What a runner does with a release, without training: the job is marked running at its segment's planned start
     * (so that what it has run, read from its history, is what the plan says), on the first node.
     */
    private void startOnTime(JdbcJobRepository repository, String id, int segment) {
        Job job = repository.find(id).orElse(null);
        StoredPlan plan = repository.plan(id).orElse(null);
        if (job == null || plan == null || job.state() != JobState.HELD && job.state() != JobState.PAUSED) {
            return;
        }
        Instant at = plan.segments().get(segment - job.segmentsRun()).start();
        repository.markStarted(id, job.state(), "DE", (String) beats.get(0)[0], Reason.sentence("released"), at);
    }

    /** Releases that found no node with room (job id and planned start). */
    private final List<String> noRoom = Collections.synchronizedList(new ArrayList<>());

    /**
     * What the runners of the zone's nodes do with the releases due now, without training: each job due (its next
     * segment starts by now) is marked running at that start on the smallest node that has all its GPUs (any node
     * when none has) and a free slot and the GPUs beside what already runs there, in order of planned start, the
     * most GPUs first at one start (the order the planner places promises in). Inside the planning lock, so that
     * no plan is being made meanwhile: the race of a runner with a planner is not what this checks.
     */
    private void startDueOnFittingNodes(JdbcJobRepository repository, PlanningLock lock) {
        lock.run(() -> {
            Instant now = clock.instant();
            record Due(Job job, Instant at) {
            }
            List<Due> due = new ArrayList<>();
            for (Job job : repository.inStates(JobState.HELD)) { // the clock stands still: nothing pauses
                StoredPlan plan = repository.plan(job.id()).orElse(null);
                if (plan != null && !plan.segments().get(0).start().isAfter(now)) {
                    due.add(new Due(job, plan.segments().get(0).start()));
                }
            }
            due.sort((x, y) -> x.at().equals(y.at()) ? x.job().gpus() != y.job().gpus()
                    ? Integer.compare(y.job().gpus(), x.job().gpus()) : x.job().id().compareTo(y.job().id())
                    : x.at().compareTo(y.at()));
            for (Due d : due) {
                String node = fittingNode(repository, d.job().gpus());
                if (node == null) {
                    noRoom.add(d.job().id() + " due " + d.at());
                } else {
                    repository.markStarted(d.job().id(), d.job().state(), "DE", node, Reason.sentence("released"),
                            d.at());
                }
            }
            return null;
        });
    }

    /** The smallest node (GPUs, slots, name) with all {@code gpus} (any when none has them) and room now, or null. */
    private String fittingNode(JdbcJobRepository repository, int gpus) {
        List<Object[]> zone;
        synchronized (beats) {
            zone = new ArrayList<>(beats);
        }
        zone.sort(java.util.Comparator.<Object[]>comparingInt(b -> (int) b[2]).thenComparingInt(b -> (int) b[1])
                .thenComparing(b -> (String) b[0]));
        boolean anyHasAll = zone.stream().anyMatch(b -> (int) b[2] >= gpus);
        List<Job> running = repository.inStates(JobState.RUNNING);
        for (Object[] b : zone) {
            String name = (String) b[0];
            int usedSlots = (int) running.stream().filter(j -> name.equals(j.node())).count();
            int usedGpus = running.stream().filter(j -> name.equals(j.node())).mapToInt(Job::gpus).sum();
            if ((!anyHasAll || (int) b[2] >= gpus) && usedSlots < (int) b[1]
                    && usedGpus + Math.min(gpus, (int) b[2]) <= (int) b[2]) {
                return name;
            }
        }
        return null;
    }

    /**
     * One service node's submission path as the server wires it (its own repository, kept capacity, planner, lock,
     * releases, job service and keyed submissions), on the shared database. A job named {@code doomed-*} fails
     * inside its transaction after its plan and releases were written (the executor's hook throws); a keyed one
     * named {@code doomed-late-*} fails after its job was stored and planned, before its key is recorded.
     */
    private final class Node {
        final JobService jobs;
        final IdempotentSubmissions keyedJobs;
        final ReleaseScheduler releases;

        Node(String name, Starts starts) {
            JdbcJobRepository repository = new JdbcJobRepository(db);
            LiveCapacity capacity = new LiveCapacity(registry, repository, clock, NODE_TIMEOUT);
            JobPlanner planner = new JobPlanner(signals, new InMemoryPolicyStore(clock), clock, capacity,
                    CarbonBudget.NONE, true);
            PlanningLock lock = new PlanningLock(db, clock);
            releases = ReleaseScheduler.start(db, new ReleaseSchedulerConfig("DE", Duration.ofHours(1)), clock,
                    (action, id, segment) -> {
                        if (action == ReleaseAction.RELEASE && starts == Starts.ON_FIRST_NODE) {
                            startOnTime(repository, id, segment);
                        } else if (action == ReleaseAction.RELEASE && starts == Starts.ON_A_FITTING_NODE) {
                            startDueOnFittingNodes(repository, lock);
                        }
                    });
            PlanScheduling scheduling = new PlanScheduling(repository, releases, clock, lock, (job, plan) -> {
                if (job.name().startsWith("doomed-") && !job.name().startsWith("doomed-late-")) {
                    throw new IllegalStateException("doomed job " + job.name() + " fails inside its transaction");
                }
            });
            SpecParser parser = new SpecParser(clock, Set.of("DE"), "DE", new AllowedRoots(List.of(AllowedRoots.EXAMPLES)),
                    id -> repository.find(id).isPresent());
            jobs = new JobService(repository, parser, planner, scheduling, releases, new IdleExecutor(), clock,
                    new Replanner(repository, planner, scheduling, lock, clock));
            keyedJobs = new IdempotentSubmissions(jobs, new JdbcIdempotencyKeys(db), lock, clock);
        }

        Job submit(String yaml) {
            return jobs.submit(yaml, "iris-classifier.yaml", AllowedRoots.EXAMPLES, null);
        }

        Job keyed(String key, String yaml) {
            return keyedJobs.submit(key, yaml, () -> {
                Job job = jobs.submit(yaml, "iris-classifier.yaml", AllowedRoots.EXAMPLES, null);
                if (job.name().startsWith("doomed-late-")) {
                    throw new IllegalStateException("doomed job " + job.name() + " fails after it was stored");
                }
                return job;
            }).job();
        }

        void close() {
            releases.close();
        }
    }
}
