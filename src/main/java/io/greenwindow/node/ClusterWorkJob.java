package io.greenwindow.node;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A turn of one {@link ClusterWork} as a Quartz job. Never two at once in the cluster (per job: the periodic pass
 * and the news watch may overlap); a turn that fails is logged and the next one comes as planned.
 */
@DisallowConcurrentExecution
final class ClusterWorkJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWorkJob.class);

    private final ClusterWork work;

    ClusterWorkJob(ClusterWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            work.task().run(Instant.ofEpochMilli(context.getScheduledFireTime().getTime()));
        } catch (RuntimeException e) {
            LOG.error("Cluster work '{}' failed: {}", work.name(), e.getMessage(), e);
        }
    }
}
