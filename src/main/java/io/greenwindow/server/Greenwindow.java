package io.greenwindow.server;

import io.greenwindow.access.AdminTokenFile;
import io.greenwindow.access.JdbcTokenStore;
import io.greenwindow.access.Sessions;
import io.greenwindow.access.TokenStore;
import io.greenwindow.api.AccessConfig;
import io.greenwindow.api.ApiServer;
import io.greenwindow.api.Gatekeeper;
import io.greenwindow.db.Backups;
import io.greenwindow.db.Database;
import io.greenwindow.executor.Executor;
import io.greenwindow.executor.ExecutorChoice;
import io.greenwindow.executor.LocalExecutor;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.grid.GridModule;
import io.greenwindow.job.JdbcIdempotencyKeys;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.spec.AllowedRoots;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.grid.store.ForecastGenerations;
import io.greenwindow.node.ClusterScheduler;
import io.greenwindow.node.ClusterSchedulerConfig;
import io.greenwindow.node.ClusterWork;
import io.greenwindow.node.NewsMarks;
import io.greenwindow.node.NodeRegistry;
import io.greenwindow.service.LiveCapacity;
import io.greenwindow.service.NewsWatch;
import io.greenwindow.service.NodeFit;
import io.greenwindow.service.QueuePuller;
import io.greenwindow.service.OverrunWatch;
import io.greenwindow.service.PlanningLock;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.JdbcPolicyStore;
import io.greenwindow.policy.PolicyStore;
import io.greenwindow.service.JobRunner;
import io.greenwindow.service.IdempotentSubmissions;
import io.greenwindow.service.JobService;
import io.greenwindow.service.PlanScheduling;
import io.greenwindow.service.Recovery;
import io.greenwindow.service.ReleaseDispatcher;
import io.greenwindow.service.Replanner;
import io.greenwindow.service.Takeover;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.RotatingOutput;
import io.greenwindow.train.TrainingLauncher;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One greenwindow node, wired: database, grid signals, planner, ledger, release scheduler, job runner and the
 * HTTP API. {@link #start} returns once the API answers; {@link #close} stops everything in reverse order.
 */
public final class Greenwindow implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Greenwindow.class);

    private final List<AutoCloseable> closeables;
    private final JobService jobs;
    private final Ledger ledger;
    private final GridModule grid;
    private final Replanner replanner;
    private final int port;
    private final List<String> routes;
    private final Executor executor;

    private Greenwindow(List<AutoCloseable> closeables, JobService jobs, Ledger ledger, GridModule grid,
            Replanner replanner, int port, List<String> routes, Executor executor) {
        this.executor = executor;
        this.closeables = closeables;
        this.jobs = jobs;
        this.ledger = ledger;
        this.grid = grid;
        this.replanner = replanner;
        this.port = port;
        this.routes = routes;
    }

    public static Greenwindow start(ServerConfig config, Clock clock) {
        return start(config, clock, System.getenv());
    }

    /** @param env the settings the service reads from its environment (tests hand their own) */
    public static Greenwindow start(ServerConfig config, Clock clock, java.util.Map<String, String> env) {
        return start(config, clock, AccessConfig.fromEnvironment(env), env);
    }

    /** As {@link #start(ServerConfig, Clock)} with the HTTP edge's limits given rather than read from the environment. */
    public static Greenwindow start(ServerConfig config, Clock clock, AccessConfig access) {
        return start(config, clock, access, System.getenv());
    }

    /**
     * @param access the HTTP edge's limits
     * @param env the settings the service reads from its environment (tests hand their own)
     */
    public static Greenwindow start(ServerConfig config, Clock clock, AccessConfig access,
            java.util.Map<String, String> env) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Database db = config.jdbcUrl() == null ? Database.embedded(config.dataDir())
                    : Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
            open.add(db);
            GridModule grid = GridModule.create(db, clock, config.adaptersDir(), env);
            open.add(grid);
            grid.startRefreshing(); // requests read stored signals; providers are asked only in the background
            PolicyStore policies = new JdbcPolicyStore(db, clock);
            Ledger ledger = new Ledger(db, grid.signals(), clock, LedgerSettings.fromEnvironment(env),
                    io.greenwindow.ledger.LedgerAnchor.inDirectory(config.dataDir()));
            NodeProfile node = NodeProfile.detectLocal(config.nodeName(), config.zone(), config.pue());
            JobRepository repository = new JdbcJobRepository(db);
            JdbcNodeRegistry registry = new JdbcNodeRegistry(db);
            WorkDirs dirs = new WorkDirs(config.dataDir());
            // Read before the executor is chosen, so that a bad value stops the start whichever runs the jobs.
            RotatingOutput.Limits trainerLogs = RotatingOutput.Limits.fromEnvironment(env);
            // GREENWINDOW_EXECUTOR: child JVMs on this node (default) or jobs on a Slurm cluster.
            Executor runner = ExecutorChoice.fromEnvironment(env, () -> new JobRunner(repository,
                    new TrainingLauncher(node, clock, trainerLogs), ledger, dirs, node, clock, config.limits()), node, db, repository,
                    ledger, config.limits(), config.pue(), clock);
            open.add(runner);
            // What this node offers the zone: its own job slots and GPUs, or a Slurm partition's (read at start).
            NodeRegistry.LiveNode offer = offer(runner, node, config);
            // The planner the simulator scores (windows on and off the forecast grid), with team budgets read
            // from what the ledger says each team has emitted, against the live nodes' capacity.
            LiveCapacity capacity = new LiveCapacity(registry, repository, clock, config.nodeTimeout(), offer);
            io.greenwindow.metrics.JobCounts counts = new io.greenwindow.metrics.JobCounts(db);
            io.greenwindow.metrics.ServiceMetrics metrics = new io.greenwindow.metrics.ServiceMetrics(
                    new io.greenwindow.metrics.MetricSources(counts::byStateAndZone, grid::adapters, ledger::totals,
                            counts::heldSavingByZone, counts::runningByZone, capacity::zones));
            open.add(metrics);
            JobPlanner planner = new JobPlanner(grid.signals(), policies, clock, capacity, ledger::inventoryKg, true)
                    .timedBy(metrics.planningTimer());
            PlanningLock lock = new PlanningLock(db, clock);
            ReleaseScheduler releases = ReleaseScheduler.start(db, ReleaseSchedulerConfig.forZone(config.zone()), clock,
                    new ReleaseDispatcher(repository, runner, clock, new NodeFit(capacity::live, repository, offer)));
            open.add(releases); // closed first: no trigger fires into a runner that is shutting down
            PlanScheduling scheduling = new PlanScheduling(repository, releases, clock, lock, runner::planned);
            SpecParser parser = new SpecParser(clock, grid.zones(), config.zone(),
                    AllowedRoots.fromEnvironment(env, config.dataDir()),
                    id -> repository.find(id).isPresent());
            Replanner replanner = new Replanner(repository, planner, scheduling, lock, clock, capacity::silent);
            // A freed slot starts what waits for it now, and moves the zone's queue forward where that is no worse.
            QueuePuller puller = new QueuePuller(replanner, config.zone(), clock, releases::poke);
            open.add(puller);
            runner.onSlotFreed(() -> {
                releases.poke();
                puller.slotFreed();
            });
            JobService jobs = new JobService(repository, parser, planner, scheduling, releases, runner, clock, replanner,
                    dirs);
            Recovery recovery = new Recovery(repository, planner, scheduling, releases, runner, clock, node.name());
            Takeover takeover = new Takeover(repository, registry, runner, node.name(), config.zone(),
                    offer.slots(), offer.gpus(), config.nodeTimeout(), clock,
                    new NodeFit(capacity::live, repository, offer));
            takeover.beat(); // first, so that this node's capacity counts when recovery plans
            recovery.run();
            NewsWatch news = new NewsWatch(new ForecastGenerations(db)::newestPerZone, capacity::zones,
                    new NewsMarks(db), replanner);
            OverrunWatch overruns = new OverrunWatch(repository, runner, replanner, clock, node.name());
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "greenwindow-timer");
                t.setDaemon(true);
                return t;
            });
            long every = config.replanEvery().toSeconds();
            // Per node (work dirs are local): energy logged for finished jobs whose ledger write had failed.
            timer.scheduleWithFixedDelay(() -> IsolatedSteps.run("energy sweep", List.of(new IsolatedSteps.Step(
                    "unreported energy logs", runner::accountUnreportedEnergy))), every, every, TimeUnit.SECONDS);
            long beat = Math.max(1, config.nodeTimeout().toSeconds() / 4);
            timer.scheduleWithFixedDelay(() -> heartbeat(takeover, recovery), beat, beat, TimeUnit.SECONDS);
            timer.scheduleWithFixedDelay(() -> watchOverruns(overruns), beat, beat, TimeUnit.SECONDS);
            open.add(timer::shutdownNow);
            // Once per cluster per interval, on whichever node takes the turn: clustered Quartz jobs in this database.
            open.add(ClusterScheduler.start(db, ClusterSchedulerConfig.forNode(node.name()), List.of(
                    new ClusterWork("periodic-pass", config.replanEvery(), due -> periodic(replanner, ledger, grid)),
                    new ClusterWork("news-watch", Duration.ofSeconds(beat), due -> news.check()))));
            TokenStore tokens = new JdbcTokenStore(db, clock);
            AdminTokenFile.ensure(config.dataDir(), tokens);
            Gatekeeper gate = new Gatekeeper(tokens, new Sessions(clock, Sessions.DEFAULT_LIFETIME), access, clock,
                    id -> jobs.get(id).team());
            IdempotentSubmissions keyed = new IdempotentSubmissions(jobs, new JdbcIdempotencyKeys(db), lock, clock);
            Backups backups = new Backups(db, config.dataDir().resolve("backups"), clock);
            ApiServer api = ApiServer.start(config.port(), jobs, keyed, backups, grid, ledger, policies, node, gate,
                    metrics);
            open.add(api);
            LOG.info("greenwindow node '{}' in zone {} listening on http://localhost:{} (data in {})", node.name(),
                    config.zone(), api.port(), config.dataDir().toAbsolutePath());
            return new Greenwindow(open, jobs, ledger, grid, replanner, api.port(), api.routeNames(), runner);
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
    }

    /**
     * The job slots and GPUs this node offers its zone: its own on the embedded default; a Slurm partition's GPUs and
     * CPUs (one slot per CPU, read once at start) when jobs run on the cluster.
     */
    private static NodeRegistry.LiveNode offer(Executor executor, NodeProfile node, ServerConfig config) {
        if (executor instanceof LocalExecutor) {
            return new NodeRegistry.LiveNode(node.name(), config.zone(), config.limits().capacity(),
                    node.usableGpus().size());
        }
        ZoneCapacity c = executor.capacity();
        LOG.info("Planning against {}: {} GPU(s), {} CPU(s) in zone {}", c.source(), c.gpus(), c.cpus(), c.zone());
        return new NodeRegistry.LiveNode(node.name(), config.zone(), Math.max(1, c.cpus()), c.gpus());
    }

    /** Keeps a month of stored forecasts (enough to score plans against what was known); history stays. */
    private static final java.time.Duration FORECAST_RETENTION = java.time.Duration.ofDays(31);

    private static void periodic(Replanner replanner, Ledger ledger, GridModule grid) {
        // Each step on its own: a failing re-plan must not stop ledger completion or pruning, nor the reverse.
        IsolatedSteps.run("periodic pass", List.of(
                new IsolatedSteps.Step("re-planning", replanner::replanHeld),
                new IsolatedSteps.Step("ledger completion", ledger::completePending),
                new IsolatedSteps.Step("forecast pruning", () -> grid.pruneForecasts(FORECAST_RETENTION))));
    }

    /** Running jobs past their estimate on this node (per node: the news watch runs once per cluster). */
    private static void watchOverruns(OverrunWatch overruns) {
        try {
            overruns.check();
        } catch (RuntimeException e) {
            LOG.error("Watching overruns failed: {}", e.getMessage(), e);
        }
    }

    /** A job changed this recently may be having its plan written: leave it to settle before planning it again. */
    private static final java.time.Duration SETTLE = java.time.Duration.ofMinutes(1);

    private static void heartbeat(Takeover takeover, Recovery recovery) {
        IsolatedSteps.run("heartbeat", List.of(
                new IsolatedSteps.Step("node heartbeat", takeover::beat),
                new IsolatedSteps.Step("planning jobs without a release", () -> recovery.planJobsWithoutRelease(SETTLE))));
    }

    public JobService jobs() {
        return jobs;
    }

    public Ledger ledger() {
        return ledger;
    }

    public GridModule grid() {
        return grid;
    }

    public Replanner replanner() {
        return replanner;
    }

    public int port() {
        return port;
    }

    /** Every HTTP route the API serves, as "METHOD /path/{param}" (the role-table test walks them). */
    public List<String> routes() {
        return routes;
    }

    /** Where released segments run (GREENWINDOW_EXECUTOR). */
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        closeAll(closeables);
    }

    /**
     * Stops this node as a crash would (a drill): its database is closed first, so nothing it would write on the way
     * down (a job failed by the shutdown, a state change, a ledger entry) reaches the cluster. Its running jobs stay
     * RUNNING in the database, its training processes are killed, and their energy logs stay unreported, for a node
     * of the zone to take over once this one stops beating.
     */
    public void halt() {
        List<AutoCloseable> rest = new ArrayList<>(closeables);
        AutoCloseable database = rest.remove(0); // opened first, see start
        // The cluster scheduler first, cut from the database and not waiting for a turn under way.
        rest.stream().filter(ClusterScheduler.class::isInstance).map(ClusterScheduler.class::cast)
                .forEach(ClusterScheduler::halt);
        closeAll(List.of(database));
        closeAll(rest);
    }

    private static void closeAll(List<AutoCloseable> open) {
        List<AutoCloseable> reversed = new ArrayList<>(open);
        Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", c, e.getMessage());
            }
        }
    }
}
