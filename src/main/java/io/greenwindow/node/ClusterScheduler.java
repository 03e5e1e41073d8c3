package io.greenwindow.node;

import io.greenwindow.db.Database;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ClusterWork} as clustered Quartz jobs in the service's own database ({@code QRTZ_*} tables, migration
 * V1): the nodes on one database that share a scheduler name share each work's trigger, and Quartz's row lock hands
 * every turn to one node. A work never runs on two nodes at once, and when a node dies the others go on (a turn it
 * held is given back once it misses its check-ins). Turns run on wall time, as Quartz does; a turn missed while the
 * whole cluster was down runs once at start, not once per missed interval.
 *
 * <p>Quartz and its checked exceptions stay in this class and its three helpers of this package.
 */
public final class ClusterScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterScheduler.class);
    private static final String GROUP = "cluster-work";
    /**
     * Quartz binds every scheduler of the JVM in one registry by name, and its factory hands back the bound one of
     * the same name instead of a new one. Nodes of one cluster share the name, and tests run several in one JVM:
     * each is built and unbound under this lock, so every node gets a scheduler of its own.
     */
    private static final Object QUARTZ_REGISTRY = new Object();
    /** How long a stop waits for Quartz to give back the connections it holds (a check-in, a trigger's update). */
    private static final java.time.Duration GIVE_BACK = java.time.Duration.ofSeconds(30);

    private final Scheduler scheduler;
    private final ServiceConnections connections;
    private final String nodeName;

    private ClusterScheduler(Scheduler scheduler, ServiceConnections connections, String nodeName) {
        this.scheduler = scheduler;
        this.connections = connections;
        this.nodeName = nodeName;
    }

    /**
     * Joins the cluster: stores each work's job and trigger unless the cluster has them (a changed interval replaces
     * the trigger), then starts taking turns. Idempotent across restarts and across nodes starting at once.
     */
    public static ClusterScheduler start(Database database, ClusterSchedulerConfig config, List<ClusterWork> works) {
        Map<String, ClusterWork> byName = works.stream()
                .collect(Collectors.toUnmodifiableMap(ClusterWork::name, Function.identity()));
        ServiceConnections connections = new ServiceConnections(database.dataSource());
        String dataSourceName = "greenwindow-" + UUID.randomUUID(); // Quartz's registry of data sources is JVM-wide
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, connections);
        Scheduler scheduler;
        try {
            synchronized (QUARTZ_REGISTRY) {
                scheduler = new StdSchedulerFactory(properties(config, database.vendor(), dataSourceName,
                        Math.max(1, works.size()))).getScheduler();
                SchedulerRepository.getInstance().remove(config.schedulerName());
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not build the cluster scheduler of node " + config.nodeName() + ": "
                    + e.getMessage(), e);
        }
        ClusterScheduler cluster = new ClusterScheduler(scheduler, connections, config.nodeName());
        try {
            scheduler.setJobFactory((bundle, s) -> {
                ClusterWork work = byName.get(bundle.getJobDetail().getKey().getName());
                if (work == null) {
                    throw new SchedulerException("Node " + config.nodeName() + " knows no cluster work named '"
                            + bundle.getJobDetail().getKey().getName() + "'");
                }
                return new ClusterWorkJob(work);
            });
            for (ClusterWork work : works) {
                cluster.store(work);
            }
            scheduler.start();
        } catch (SchedulerException | RuntimeException e) {
            cluster.close();
            throw new IllegalStateException("Could not start the cluster scheduler of node " + config.nodeName() + ": "
                    + e.getMessage(), e);
        }
        return cluster;
    }

    private static Properties properties(ClusterSchedulerConfig config, Database.Vendor vendor, String dataSourceName,
            int threads) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, config.schedulerName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, config.nodeName());
        p.setProperty("org.quartz.scheduler.threadName", "cluster-scheduler-" + config.nodeName());
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "cluster-work-" + config.nodeName());
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", vendor == Database.Vendor.POSTGRESQL
                ? PostgreSQLDelegate.class.getName() : StdJDBCDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(config.checkinEvery().toMillis()));
        p.setProperty("org.quartz.jobStore.makeThreadsDaemons", "true");
        return p;
    }

    /** Stores the work's job and trigger, or keeps what the cluster stored already when it asks the same. */
    private void store(ClusterWork work) throws SchedulerException {
        JobKey jobKey = JobKey.jobKey(work.name(), GROUP);
        TriggerKey triggerKey = TriggerKey.triggerKey(work.name(), GROUP);
        JobDetail job = JobBuilder.newJob(ClusterWorkJob.class).withIdentity(jobKey).storeDurably()
                .withDescription("once per cluster every " + work.every()).build();
        scheduler.addJob(job, true); // the same row whoever writes it; under Quartz's cluster lock
        Trigger wanted = trigger(work, jobKey, triggerKey);
        Trigger stored = scheduler.getTrigger(triggerKey);
        if (stored == null) {
            try {
                scheduler.scheduleJob(wanted);
                return;
            } catch (ObjectAlreadyExistsException e) {
                stored = scheduler.getTrigger(triggerKey); // a node starting at the same time stored it first
            }
        }
        if (stored instanceof SimpleTrigger simple && simple.getRepeatInterval() == work.every().toMillis()) {
            if (scheduler.getTriggerState(triggerKey) == Trigger.TriggerState.ERROR) {
                scheduler.resetTriggerFromErrorState(triggerKey);
            }
            return;
        }
        LOG.info("Cluster work '{}' now runs every {} (node {})", work.name(), work.every(), nodeName);
        if (scheduler.rescheduleJob(triggerKey, wanted) == null) {
            scheduler.scheduleJob(wanted); // removed meanwhile
        }
    }

    /**
     * Every interval from one interval after now, forever. After a misfire (the turn was due longer ago than
     * Quartz's misfire threshold, a minute, e.g. while the cluster was down) it runs once now and then every
     * interval from then: no burst of the missed turns.
     */
    private static Trigger trigger(ClusterWork work, JobKey jobKey, TriggerKey triggerKey) {
        long every = work.every().toMillis();
        return TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey)
                .startAt(new Date(System.currentTimeMillis() + every)) // Quartz's own time base is the wall clock
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every).repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    /**
     * Stops as a crash would (a drill): no more connections to the database from now on, and no waiting for a
     * running turn. Whatever this node held is given back by the other nodes once it misses its check-ins.
     */
    public void halt() {
        connections.shutdown();
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("Halting the cluster scheduler of node {} failed: {}", nodeName, e.getMessage());
        }
    }

    /**
     * Stops taking turns, waiting for a running one to end, before the database closes. Quartz's own shutdown
     * interrupts its threads, and an interrupt that lands in a write closes an H2 file database for every user of
     * it: so no new turn is taken, the running one ends, Quartz gets no more connections and gives back those it
     * has, and only then is it shut down.
     */
    @Override
    public void close() {
        try {
            if (scheduler.isShutdown()) {
                return; // halted
            }
            scheduler.standby();
            while (!scheduler.getCurrentlyExecutingJobs().isEmpty()) {
                Thread.sleep(20);
            }
            connections.shutdown();
            long deadline = System.nanoTime() + GIVE_BACK.toNanos();
            while (connections.held() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("Stopping the cluster scheduler of node {} failed: {}", nodeName, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            halt();
        }
    }
}
