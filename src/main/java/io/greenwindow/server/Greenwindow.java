package io.greenwindow.server;

import io.greenwindow.api.ApiServer;
import io.greenwindow.db.Database;
import io.greenwindow.executor.Executor;
import io.greenwindow.executor.ExecutorChoice;
import io.greenwindow.executor.LocalExecutor;
import io.greenwindow.executor.ZoneCapacity;
import io.greenwindow.grid.GridModule;
import io.greenwindow.job.JdbcJobRepository;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.LedgerSettings;
import io.greenwindow.node.JdbcNodeRegistry;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.node.ReleaseScheduler;
import io.greenwindow.node.ReleaseSchedulerConfig;
import io.greenwindow.plan.GpuCapacity;
import io.greenwindow.plan.JobPlanner;
import io.greenwindow.policy.JdbcPolicyStore;
import io.greenwindow.policy.PolicyStore;
import io.greenwindow.service.JobRunner;
import io.greenwindow.service.JobService;
import io.greenwindow.service.PlanScheduling;
import io.greenwindow.service.Recovery;
import io.greenwindow.service.ReleaseDispatcher;
import io.greenwindow.service.Replanner;
import io.greenwindow.service.Takeover;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.TrainingLauncher;
import io.greenwindow.train.TrainingSpecs;
import java.time.Clock;
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
    private final Executor executor;

    private Greenwindow(List<AutoCloseable> closeables, JobService jobs, Ledger ledger, GridModule grid,
            Replanner replanner, int port, Executor executor) {
        this.executor = executor;
        this.closeables = closeables;
        this.jobs = jobs;
        this.ledger = ledger;
        this.grid = grid;
        this.replanner = replanner;
        this.port = port;
    }

    public static Greenwindow start(ServerConfig config, Clock clock) {
        return start(config, clock, System.getenv());
    }

    /** @param env the settings the service reads from its environment (tests hand their own) */
    public static Greenwindow start(ServerConfig config, Clock clock, java.util.Map<String, String> env) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Database db = config.jdbcUrl() == null ? Database.embedded(config.dataDir())
                    : Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
            open.add(db);
            GridModule grid = GridModule.create(db, clock, config.adaptersDir(), env);
            open.add(grid);
            PolicyStore policies = new JdbcPolicyStore(db, clock);
            Ledger ledger = new Ledger(db, grid.signals(), clock, LedgerSettings.fromEnvironment(env));
            // The planner the simulator scores (windows on and off the forecast grid), with team budgets read
            // from what the ledger says each team has emitted.
            NodeProfile node = NodeProfile.detectLocal(config.nodeName(), config.zone(), config.pue());
            JobRepository repository = new JdbcJobRepository(db);
            WorkDirs dirs = new WorkDirs(config.dataDir());
            // GREENWINDOW_EXECUTOR: child JVMs on this node (default) or jobs on a Slurm cluster.
            Executor runner = ExecutorChoice.fromEnvironment(env, () -> new JobRunner(repository,
                    new TrainingLauncher(node, clock), ledger, dirs, node, clock, config.limits()), node, repository,
                    ledger, config.limits(), config.pue(), clock);
            open.add(runner);
            JobPlanner planner = new JobPlanner(grid.signals(), policies, clock, capacityOf(runner),
                    ledger::inventoryKg, true);
            ReleaseScheduler releases = ReleaseScheduler.start(db,
                    new ReleaseSchedulerConfig(ReleaseSchedulerConfig.DEFAULT_NAME, config.clustered(), 2), clock,
                    new ReleaseDispatcher(repository, runner, clock));
            open.add(releases); // closed first: no trigger fires into a runner that is shutting down
            PlanScheduling scheduling = new PlanScheduling(repository, releases, clock, runner::planned);
            SpecParser parser = new SpecParser(clock, grid.zones(), config.zone(), TrainingSpecs::validate);
            JobService jobs = new JobService(repository, parser, planner, scheduling, releases, runner, clock);
            Recovery recovery = new Recovery(repository, planner, scheduling, releases, runner, clock, node.name());
            recovery.run();
            Takeover takeover = new Takeover(repository, new JdbcNodeRegistry(db), runner, node.name(), config.zone(),
                    config.nodeTimeout(), clock);
            takeover.beat();
            Replanner replanner = new Replanner(repository, planner, scheduling);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "greenwindow-timer");
                t.setDaemon(true);
                return t;
            });
            long every = config.replanEvery().toSeconds();
            timer.scheduleWithFixedDelay(() -> periodic(replanner, ledger, grid), every, every, TimeUnit.SECONDS);
            long beat = Math.max(1, config.nodeTimeout().toSeconds() / 4);
            timer.scheduleWithFixedDelay(() -> heartbeat(takeover, recovery), beat, beat, TimeUnit.SECONDS);
            open.add(timer::shutdownNow);
            ApiServer api = ApiServer.start(config.port(), jobs, grid, ledger, policies, node);
            open.add(api);
            LOG.info("greenwindow node '{}' in zone {} listening on http://localhost:{} (data in {})", node.name(),
                    config.zone(), api.port(), config.dataDir().toAbsolutePath());
            return new Greenwindow(open, jobs, ledger, grid, replanner, api.port(), runner);
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
    }

    /**
     * A Slurm partition's GPUs bound the plans (read once at start); the local node keeps the planner's unlimited
     * default, as before.
     */
    private static GpuCapacity capacityOf(Executor executor) {
        if (executor instanceof LocalExecutor) {
            return GpuCapacity.unlimited();
        }
        ZoneCapacity c = executor.capacity();
        LOG.info("Planning against {}: {} GPU(s), {} CPU(s) in zone {}", c.source(), c.gpus(), c.cpus(), c.zone());
        return new GpuCapacity(java.util.Map.of(c.zone(), c.gpus()), java.time.Duration.ofHours(1));
    }

    /** Keeps a month of stored forecasts (enough to score plans against what was known); history stays. */
    private static final java.time.Duration FORECAST_RETENTION = java.time.Duration.ofDays(31);

    private static void periodic(Replanner replanner, Ledger ledger, GridModule grid) {
        try {
            replanner.replanHeld();
            ledger.completePending();
            grid.pruneForecasts(FORECAST_RETENTION);
        } catch (RuntimeException e) {
            LOG.error("Periodic re-planning failed: {}", e.getMessage(), e);
        }
    }

    /** A job changed this recently may be having its plan written: leave it to settle before planning it again. */
    private static final java.time.Duration SETTLE = java.time.Duration.ofMinutes(1);

    private static void heartbeat(Takeover takeover, Recovery recovery) {
        try {
            takeover.beat();
            recovery.planJobsWithoutRelease(SETTLE);
        } catch (RuntimeException e) {
            LOG.error("Heartbeat failed: {}", e.getMessage(), e);
        }
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

    /** Where released segments run (GREENWINDOW_EXECUTOR). */
    public Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        closeAll(closeables);
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
