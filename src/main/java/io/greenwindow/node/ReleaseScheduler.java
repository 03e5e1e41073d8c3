package io.greenwindow.node;

import io.greenwindow.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The one corner of greenwindow that speaks Quartz. Triggers live in Quartz's JDBC job store inside the service's
 * own database, so a restart loses none (missed ones fire at once) and several nodes on one PostgreSQL form a
 * Quartz cluster by configuration alone. Quartz's checked exceptions stop here.
 */
public final class ReleaseScheduler implements AutoCloseable {

    private static final String DETAIL_GROUP = "greenwindow";
    private static final JobKey DETAIL = JobKey.jobKey("release", DETAIL_GROUP);

    private final Scheduler scheduler;
    private final Clock clock;

    private ReleaseScheduler(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Starts Quartz on {@code database}; {@code handler} is called on Quartz's threads when triggers fire. */
    public static ReleaseScheduler start(Database database, ReleaseSchedulerConfig config, Clock clock,
            ReleaseHandler handler) {
        String dataSourceName = "greenwindow-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PooledProvider(database.dataSource()));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", config.schedulerName());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(config.threads()));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", database.vendor() == Database.Vendor.POSTGRESQL
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(config.clustered()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            Scheduler scheduler = factory.getScheduler();
            scheduler.setJobFactory((bundle, s) -> new FireJob(handler));
            if (!scheduler.checkExists(DETAIL)) {
                JobDetail detail = JobBuilder.newJob(FireJob.class).withIdentity(DETAIL).storeDurably()
                        .requestRecovery().build();
                scheduler.addJob(detail, true);
            }
            scheduler.start();
            return new ReleaseScheduler(scheduler, clock);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not start the release scheduler: " + e.getMessage(), e);
        }
    }

    /** Schedules {@code action} for segment {@code segment} of a job at {@code at} (service clock); replaces any same trigger. */
    public void schedule(String jobId, ReleaseAction action, int segment, Instant at) {
        TriggerKey key = TriggerKey.triggerKey(action + ":" + segment, jobId);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(DETAIL)
                .usingJobData("jobId", jobId).usingJobData("action", action.name()).usingJobData("segment", segment)
                .usingJobData("at", at.toString())
                .startAt(Date.from(wallTime(at)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            if (scheduler.checkExists(key)) {
                scheduler.rescheduleJob(key, trigger);
            } else {
                scheduler.scheduleJob(trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not schedule " + action + " of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** Removes every trigger of a job (cancel, re-plan). */
    public void unscheduleAll(String jobId) {
        try {
            List<TriggerKey> keys = new ArrayList<>(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(jobId)));
            scheduler.unscheduleJobs(keys);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not unschedule job " + jobId + ": " + e.getMessage(), e);
        }
    }

    /** The triggers still waiting for a job, earliest first. */
    public List<ScheduledRelease> scheduled(String jobId) {
        try {
            List<ScheduledRelease> result = new ArrayList<>();
            for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(jobId))) {
                Trigger t = scheduler.getTrigger(key);
                if (t == null) {
                    continue;
                }
                JobDataMap data = t.getJobDataMap();
                result.add(new ScheduledRelease(jobId, ReleaseAction.valueOf(data.getString("action")),
                        data.getInt("segment"), Instant.parse(data.getString("at"))));
            }
            result.sort(Comparator.comparing(ScheduledRelease::at));
            return result;
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not read the triggers of job " + jobId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Could not stop the release scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * Quartz fires on the system clock; the service plans on its own clock (a settable one in tests). The delay
     * from the service's now is what is kept, so both agree whenever the service clock runs at real speed.
     */
    private Instant wallTime(Instant at) {
        Duration ahead = Duration.between(clock.instant(), at);
        return Instant.now().plus(ahead.isNegative() ? Duration.ZERO : ahead);
    }

    /** The Quartz job: hands the firing to our handler and nothing else. */
    @DisallowConcurrentExecution
    public static final class FireJob implements Job {
        private final ReleaseHandler handler;

        FireJob(ReleaseHandler handler) {
            this.handler = handler;
        }

        @Override
        public void execute(JobExecutionContext context) {
            JobDataMap data = context.getMergedJobDataMap();
            handler.fire(ReleaseAction.valueOf(data.getString("action")), data.getString("jobId"), data.getInt("segment"));
        }
    }

    /** Gives Quartz connections from the service's own pool. */
    private record PooledProvider(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to the service, which closes it.
        }

        @Override
        public void initialize() {
            // Nothing to set up: the pool exists already.
        }
    }
}
