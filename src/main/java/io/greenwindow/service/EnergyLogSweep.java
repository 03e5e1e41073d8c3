package io.greenwindow.service;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.SegmentRecord;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.train.EnergyRecovery;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings to the ledger, while the service runs, the energy logs of finished jobs that never got their segment entry:
 * the ledger write failed when the segment ended (a full disk, a database that refused it) and the log stayed
 * unreported. Without this pass such energy waited for a restart, and a restart only looks at running jobs. Only
 * jobs in a final state are looked at, so that no segment can be starting while its log is read; and only jobs of
 * this node, whose work dirs are here.
 */
final class EnergyLogSweep {

    private static final Logger LOG = LoggerFactory.getLogger(EnergyLogSweep.class);
    /**
     * A job that reached its final state this recently may still be having its entries written by the runner that
     * finished it: left to the next pass, so that nothing is written twice.
     */
    static final Duration SETTLE = Duration.ofMinutes(1);
    /** How a log the sweep finds came to be cut short: not a crash of the service. */
    static final String WHY_CUT = "after which the log could not be written (a full disk?) while the training went"
            + " on (a lower bound)";

    private final JobRepository jobs;
    private final Ledger ledger;
    private final WorkDirs dirs;
    private final NodeProfile node;
    private final Clock clock;

    EnergyLogSweep(JobRepository jobs, Ledger ledger, WorkDirs dirs, NodeProfile node, Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
        this.ledger = ledger;
        this.dirs = dirs;
        this.node = node;
    }

    /**
     * Writes a segment entry for every unreported log of this node's finished jobs, then marks the log reported,
     * and the JOB entry of a completed job that has none; each job on its own.
     *
     * @param writeMissingJobEntry writes a completed job's JOB entry when it has none (the runner knows how)
     * @return how many segment logs were accounted
     */
    int sweep(java.util.function.Predicate<Job> writeMissingJobEntry) {
        int accounted = 0;
        Instant settled = clock.instant().minus(SETTLE);
        for (Job job : jobs.inStates(JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED)) {
            if ((job.node() != null && !job.node().equals(node.name())) || job.updatedAt().isAfter(settled)) {
                continue;
            }
            try {
                boolean all = true;
                for (EnergyRecovery.Found found : EnergyRecovery.find(dirs.of(job.id()), node, JobRunner.ENERGY_BIN,
                        WHY_CUT)) {
                    int segment = EnergyRecovery.segmentOf(found.log());
                    if (!account(job, segment, found, "unreported segment " + segment)) {
                        all = false;
                        break; // still refused: the next pass tries again
                    }
                    accounted++;
                }
                // The JOB entry sums the segments: only once every one of them is in.
                if (all && job.state() == JobState.COMPLETED) {
                    writeMissingJobEntry.test(job);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Energy logs of job {} not accounted: {}", job.id(), e.getMessage(), e);
            }
        }
        return accounted;
    }

    /**
     * Keeps the segment's energy beside the job (unless a copy is there already: it was measured to the end), writes
     * its ledger entry and, once written, marks the log reported.
     *
     * @return whether the ledger holds the segment now
     */
    boolean account(Job job, int segment, EnergyRecovery.Found found, String what) {
        EnergyReport energy = found.report();
        String zone = job.zone() != null ? job.zone() : job.zones().get(0);
        if (!dirs.hasEnergy(job.id(), segment)) {
            saveEnergy(job.id(), segment, energy);
        }
        if (!record(() -> ledger.recordSegment(new SegmentRecord(job.id(), job.name(), job.team(), zone, segment,
                job.submittedAt(), energy)), job.id(), what)) {
            return false;
        }
        markReported(found.log());
        return true;
    }

    /** The per-segment copy of the energy; the ledger and the durable log already hold it, so a failure is logged. */
    void saveEnergy(String jobId, int segment, EnergyReport energy) {
        try {
            dirs.saveEnergy(jobId, segment, energy);
        } catch (RuntimeException e) {
            LOG.error("Energy of job {} segment {} not saved beside the job ({}); its log keeps it", jobId, segment,
                    e.getMessage(), e);
        }
    }

    static void markReported(java.nio.file.Path log) {
        if (log == null) {
            return;
        }
        try {
            EnergyRecovery.markReported(log);
        } catch (IOException e) {
            // Left unrenamed, a restart would account this segment twice; say so rather than hide it.
            LOG.error("Cannot mark {} as reported: {}", log, e.getMessage(), e);
        }
    }

    /** A ledger that cannot write now (a full disk, say) must not lose the job's own state change. */
    static boolean record(Runnable write, String jobId, String what) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            LOG.error("Ledger entry for job {} ({}) not written: {}", jobId, what, e.getMessage(), e);
            return false;
        }
    }
}
