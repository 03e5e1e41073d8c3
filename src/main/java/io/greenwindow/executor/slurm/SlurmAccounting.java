package io.greenwindow.executor.slurm;

import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.PowerModel;
import io.greenwindow.job.Job;
import io.greenwindow.job.JobRepository;
import io.greenwindow.job.JobState;
import io.greenwindow.job.spec.InferencePlan;
import io.greenwindow.job.spec.SpecParser;
import io.greenwindow.ledger.InferenceAssumptions;
import io.greenwindow.ledger.JobRecord;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.ledger.SegmentRecord;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.service.WorkDirs;
import io.greenwindow.train.EnergyRecovery;
import io.greenwindow.train.TrainingOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the Slurm runs of a job came to, as the local runtime writes its segments: each run's energy (from
 * its outcome file, or recovered from its energy log when the trainer was killed) as a segment of the job with its
 * ledger entry, and, when the job completed, the job's own ledger entry.
 */
final class SlurmAccounting {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmAccounting.class);

    private final JobRepository jobs;
    private final Ledger ledger;
    private final WorkDirs dirs;
    private final Clock clock;
    private final Duration bin;

    SlurmAccounting(JobRepository jobs, Ledger ledger, WorkDirs dirs, Clock clock, Duration bin) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.dirs = dirs;
        this.clock = clock;
        this.bin = bin;
    }

    /**
     * Accounts every run of the job not accounted yet, oldest first.
     *
     * @return their outcomes; the last is how the latest run ended (empty when no trainer wrote one)
     */
    List<TrainingOutcome> accountRuns(Job job, SlurmJob slurm) {
        List<TrainingOutcome> outcomes = new ArrayList<>();
        for (SegmentOutcome.Unaccounted u : SegmentOutcome.unaccounted(dirs.of(job.id()))) {
            TrainingOutcome o = withSlurmsFigure(u.outcome().toOutcome());
            segment(jobs.get(job.id()), o.energy(), o.modelFile() == null ? null : o.modelFile().toString(),
                    o.summary(), o.backend());
            u.markAccounted();
            outcomes.add(o);
        }
        // A trainer killed before it could write its outcome (KillWait ran out, node lost) left its energy log.
        NodeProfile where = new NodeProfile(slurm.nodes().isEmpty() ? "Slurm job " + slurm.id()
                : slurm.nodes() + " (Slurm job " + slurm.id() + ")", zoneOf(job), 1, List.of(), 1.0, false, 0,
                new PowerModel(PowerModel.DEFAULT_WATTS_PER_CORE, PowerModel.DEFAULT_WATTS_PER_GB, 0), List.of());
        for (EnergyReport recovered : EnergyRecovery.unreported(dirs.of(job.id()), where, bin)) {
            segment(jobs.get(job.id()), recovered, null,
                    "run in Slurm job " + slurm.id() + " cut short before its trainer reported; energy recovered from its log",
                    null);
        }
        return outcomes;
    }

    /**
     * Where Slurm measured the run too (acct_gather_energy), its figure is said beside the trainer's, in the
     * run's message (so in the job's history) and in the ledger entry's raw segment ({@link EnergyReport#cluster()}).
     */
    private static TrainingOutcome withSlurmsFigure(TrainingOutcome o) {
        if (o.energy().cluster() == null) {
            return o;
        }
        String besides = "energy " + o.energy().cluster().beside(o.energy().itKwh());
        LOG.info("{}", besides);
        return new TrainingOutcome(o.status(), o.message() + "\n" + besides, o.modelFile(), o.energy(), o.probe(),
                o.backend(), o.summary());
    }

    private void segment(Job job, EnergyReport energy, String modelPath, String summary, String backend) {
        int index = job.segmentsRun();
        dirs.saveEnergy(job.id(), index, energy);
        record(() -> ledger.recordSegment(new SegmentRecord(job.id(), job.name(), job.team(), zoneOf(job), index,
                job.submittedAt(), energy)), job.id(), "segment " + index);
        jobs.recordOutcome(job.id(), index + 1, modelPath, summary, backend, clock.instant());
    }

    /** The job's own ledger entry, over every segment's energy, once it completed. */
    void completed(Job job, TrainingOutcome last) {
        InferencePlan inference = io.greenwindow.job.spec.JobDocuments.fromJson(job.specYaml()).inference();
        InferenceAssumptions assumptions = inference == null ? null : new InferenceAssumptions(
                inference.requestsPerDay(), inference.lifetimeDays(), inference.tokensPerResponse(), inference.zone(),
                inference.pue(), inference.servedAlongside());
        List<EnergyReport> segments = dirs.energy(job.id());
        record(() -> ledger.recordJob(new JobRecord(job.id(), job.name(), job.team(), zoneOf(job), job.submittedAt(),
                job.startedAt(), clock.instant(), segments, assumptions, last == null ? null : last.probe())),
                job.id(), "job");
        dirs.writeJobJson(jobs.get(job.id()));
    }

    static String zoneOf(Job job) {
        return job.zone() != null ? job.zone() : job.zones().get(0);
    }

    /** A ledger that cannot write now must not lose the job's own state change (as in the local runtime). */
    private static void record(Runnable write, String jobId, String what) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("Ledger entry for job {} ({}) not written: {}", jobId, what, e.getMessage(), e);
        }
    }

    static boolean isFinal(JobState s) {
        return s.isFinal();
    }
}
