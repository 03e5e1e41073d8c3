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
import io.greenwindow.plan.GpuCapacity;
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
import io.greenwindow.train.TrainingLauncher;
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
    private final List<String> routes;

    private Greenwindow(List<AutoCloseable> closeables, JobService jobs, Ledger ledger, GridModule grid,
            Replanner replanner, int port, List<String> routes) {
        this.closeables = closeables;
        this.jobs = jobs;
        this.ledger = ledger;
        this.grid = grid;
        this.replanner = replanner;
        this.port = port;
        this.routes = routes;
    }

    public static Greenwindow start(ServerConfig config, Clock clock) {
        return start(config, clock, AccessConfig.fromEnvironment(System.getenv()));
    }

    /** As {@link #start(ServerConfig, Clock)} with the HTTP edge's limits given rather than read from the environment. */
    public static Greenwindow start(ServerConfig config, Clock clock, AccessConfig access) {
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Database db = config.jdbcUrl() == null ? Database.embedded(config.dataDir())
                    : Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword());
            open.add(db);
            GridModule grid = GridModule.create(db, clock, config.adaptersDir(), System.getenv());
            open.add(grid);
            grid.startRefreshing(); // requests read stored signals; providers are asked only in the background
            PolicyStore policies = new JdbcPolicyStore(db, clock);
            Ledger ledger = new Ledger(db, grid.signals(), clock, LedgerSettings.fromEnvironment(System.getenv()),
                    io.greenwindow.ledger.LedgerAnchor.inDirectory(config.dataDir()));
            // The planner the simulator scores (windows on and off the forecast grid), with team budgets read
            // from what the ledger says each team has emitted.
            JobPlanner planner = new JobPlanner(grid.signals(), policies, clock, GpuCapacity.unlimited(),
                    ledger::inventoryKg, true);
            NodeProfile node = NodeProfile.detectLocal(config.nodeName(), config.zone(), config.pue());
            JobRepository repository = new JdbcJobRepository(db);
            WorkDirs dirs = new WorkDirs(config.dataDir());
            JobRunner runner = new JobRunner(repository, new TrainingLauncher(node, clock), ledger, dirs, node, clock,
                    config.limits());
            ReleaseScheduler releases = ReleaseScheduler.start(db,
                    new ReleaseSchedulerConfig(ReleaseSchedulerConfig.DEFAULT_NAME, config.clustered(), 2), clock,
                    new ReleaseDispatcher(repository, runner, clock));
            open.add(runner);
            open.add(releases); // closed first: no trigger fires into a runner that is shutting down
            PlanScheduling scheduling = new PlanScheduling(repository, releases, clock);
            SpecParser parser = new SpecParser(clock, grid.zones(), config.zone(),
                    AllowedRoots.fromEnvironment(System.getenv(), config.dataDir()),
                    id -> repository.find(id).isPresent());
            JobService jobs = new JobService(repository, parser, planner, scheduling, releases, runner, clock,
                    dirs);
            Recovery recovery = new Recovery(repository, planner, scheduling, releases, runner, clock, node.name());
            recovery.run();
            Takeover takeover = new Takeover(repository, new JdbcNodeRegistry(db), runner, node.name(), config.zone(),
                    config.nodeTimeout(), clock);
            takeover.beat();
            Replanner replanner = new Replanner(repository, planner, scheduling, clock);
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
            TokenStore tokens = new JdbcTokenStore(db, clock);
            AdminTokenFile.ensure(config.dataDir(), tokens);
            Gatekeeper gate = new Gatekeeper(tokens, new Sessions(clock, Sessions.DEFAULT_LIFETIME), access, clock,
                    id -> jobs.get(id).team());
            IdempotentSubmissions keyed = new IdempotentSubmissions(jobs, new JdbcIdempotencyKeys(db), clock);
            Backups backups = new Backups(db, config.dataDir().resolve("backups"), clock);
            ApiServer api = ApiServer.start(config.port(), jobs, keyed, backups, grid, ledger, policies, node, gate);
            open.add(api);
            LOG.info("greenwindow node '{}' in zone {} listening on http://localhost:{} (data in {})", node.name(),
                    config.zone(), api.port(), config.dataDir().toAbsolutePath());
            return new Greenwindow(open, jobs, ledger, grid, replanner, api.port(), api.routeNames());
        } catch (RuntimeException e) {
            closeAll(open);
            throw e;
        }
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
