package io.greenwindow.reason;

import java.util.Arrays;
import java.util.List;

/**
 * Every kind of decision or event a job's reason can tell, each with the arguments it carries (name and
 * {@link ArgKind}; a name ending in {@code ?} may be absent). {@link Wording} turns a code and its arguments into
 * the sentence; nothing else builds one, and code that needs to know what happened asks the code, not the text.
 */
public enum ReasonCode {
    /** A sentence stored before reasons had codes (or from a part not yet speaking in codes): shown as it is. */
    TEXT(Head.NONE, "text:TEXT"),

    // The planner's decisions. RUN_NOW heads read "run now: ..." in a plan and "starting now: ..." on a HELD job.
    URGENT_OVERRIDE(Head.RUN_NOW, "policy:TEXT"),
    DEADLINE_WILL_BE_MISSED(Head.RUN_NOW, "deadline:INSTANT", "duration:DURATION", "end:INSTANT"),
    DELAY_LIMIT_NO_ROOM(Head.RUN_NOW, "policy:TEXT", "maxDelay:DURATION", "duration:DURATION"),
    DEADLINE_NO_ROOM(Head.RUN_NOW, "deadline:INSTANT", "duration:DURATION"),
    BELOW_THRESHOLD(Head.RUN_NOW, "zone:TEXT", "now:NUMBER", "threshold:NUMBER"),
    WITHIN_PERCENTILE(Head.RUN_NOW, "zone:TEXT", "now:NUMBER", "percentile:NUMBER", "cut:NUMBER"),
    FORECAST_TOO_SHORT(Head.RUN_NOW, "zone:TEXT", "end:INSTANT", "duration:DURATION"),
    NOT_WORTH_WAITING(Head.RUN_NOW, "start:INSTANT", "zone:TEXT", "homeZone:TEXT", "segments:COUNT",
            "expected:NUMBER", "nowAvg:NUMBER", "saving:NUMBER", "policy:TEXT", "minimum:NUMBER"),
    GREENEST_NOW(Head.RUN_NOW, "deadline:INSTANT", "expected:NUMBER"),
    GREENEST_NOW_FORECAST_KNOWS(Head.RUN_NOW, "expected:NUMBER"),
    GREENEST_NOW_WITHIN_DELAY(Head.RUN_NOW, "policy:TEXT", "maxDelay:DURATION", "duration:DURATION",
            "expected:NUMBER"),
    GREENER_ELSEWHERE_NOW(Head.RUN_NOW, "zone:TEXT", "homeZone:TEXT", "segments:COUNT", "expected:NUMBER",
            "nowAvg?:NUMBER", "saving?:NUMBER"),
    HELD_FOR_WINDOW(Head.NONE, "until:INSTANT", "zone:TEXT", "homeZone:TEXT", "segments:COUNT", "expected:NUMBER",
            "nowAvg?:NUMBER", "saving?:NUMBER"),
    NO_LIVE_NODE(Head.NONE, "zones:TEXTS"),
    TOO_FEW_GPUS(Head.NONE, "gpus:COUNT", "largest:COUNT", "byNode?:FLAG"),
    /** Nothing fits until {@code searched} past the deadline: {@code full} (what is full in {@code zone} now). */
    FULL_LONG_PAST_DEADLINE(Head.NONE, "zone:TEXT", "full?:FULL", "deadline:INSTANT", "searched:DURATION"),
    QUEUED_FOR_CAPACITY(Head.NONE, "zone:TEXT", "full?:FULL", "start:INSTANT", "deadline:INSTANT"),
    DEADLINE_CANNOT_BE_MET(Head.NONE, "deadline:INSTANT", "zones:TEXTS", "gpus:COUNT", "duration:DURATION",
            "start:INSTANT", "zone:TEXT", "full?:FULL"),
    FALLBACK_LATEST_START(Head.NONE, "until:INSTANT", "zones:TEXTS", "whys:TEXTS"),
    FALLBACK_RUN_NOW(Head.RUN_NOW, "zones:TEXTS", "whys:TEXTS"),

    // Notes added to a decision ("; ...").
    OVER_BUDGET(Head.NONE, "team:TEXT", "spentKg:NUMBER", "limitKg:NUMBER"),
    FORECAST_PARTIAL(Head.NONE, "until:INSTANT", "deadline:INSTANT", "replanned:FLAG"),
    DELAY_LIMIT_ENDS_BY(Head.NONE, "policy:TEXT", "maxDelay:DURATION", "end:INSTANT", "deadline:INSTANT"),

    // Why a decision was made again, or read differently: the decision itself is the cause.
    STARTING_NOW(Head.NONE),
    REPLANNED(Head.NONE),
    REPLANNED_ON_FORECAST(Head.NONE, "zone:TEXT", "generated:INSTANT"),
    REPLANNED_ON_CAPACITY(Head.NONE, "zone:TEXT", "was:TEXT", "now:TEXT"),
    REPLANNED_FOR_DEADLINE(Head.NONE, "job:TEXT", "deadline:INSTANT"),
    REPLANNED_FOR_OVERRUN(Head.NONE, "job:TEXT"),
    REPLANNED_SLOT_FREED(Head.NONE, "zone:TEXT", "freed:INSTANT"),
    /** A running interruptible job re-planned: the rest of its work is greener later, so it pauses now. */
    PAUSING_FOR_REST(Head.NONE, "left:DURATION"),
    /** A running interruptible job re-planned: it goes on now, the segments after this one moved. */
    GOING_ON_REPLANNED(Head.NONE, "left:DURATION"),

    // What happened to the job while it ran.
    SUBMITTED(Head.NONE),
    RELEASED(Head.NONE, "segment:COUNT", "zone?:TEXT", "atOnce?:FLAG", "expected?:NUMBER", "nowAvg?:NUMBER"),
    RESUMED_AFTER_RESTART(Head.NONE),
    TAKEN_OVER(Head.NONE, "node:TEXT", "from:TEXT", "lastSeen:INSTANT"),
    ON_GPUS(Head.NONE, "devices:TEXT"),
    NO_USABLE_GPU(Head.NONE, "wanted:COUNT", "node:TEXT"),
    FEWER_GPUS(Head.NONE, "wanted:COUNT", "node:TEXT", "got:COUNT", "devices:TEXT"),
    COMPLETED(Head.NONE, "segments:COUNT", "summary:TEXT"),
    PAUSED_AT_CHECKPOINT(Head.NONE, "segment:COUNT", "summary:TEXT"),
    FAILED(Head.NONE, "message:TEXT"),
    FAILED_TO_RUN(Head.NONE, "message:TEXT"),
    FAULT(Head.NONE, "doing:TEXT", "why:TEXT"),
    CANCELLED(Head.NONE, "by?:TEXT", "running:FLAG"),
    ON_TIME(Head.NONE),
    OVERRUN_EXTENDED(Head.NONE, "ran:DURATION", "estimate:DURATION", "deadline:INSTANT", "until:INSTANT"),
    OVERRUN_PAUSED(Head.NONE, "ran:DURATION", "estimate:DURATION", "deadline:INSTANT"),
    OVERRUN_STOPPED(Head.NONE, "ran:DURATION", "estimate:DURATION", "deadline:INSTANT"),

    // What Slurm did with a job's Slurm job (slurmJob: Slurm's id; node: where it ran, as squeue names it).
    SLURM_PAUSED(Head.NONE, "segment:COUNT", "slurmJob:TEXT"),
    SLURM_PREEMPTED_REQUEUED(Head.NONE, "slurmJob:TEXT", "restart:COUNT", "node:TEXT", "run?:TEXT"),
    SLURM_NODE_FAILED_REQUEUED(Head.NONE, "slurmJob:TEXT", "restart:COUNT", "node:TEXT", "run?:TEXT"),
    /** slurmReason: squeue's reason; says: the cause slurmstepd wrote into the output ("TIME LIMIT"), if any. */
    SLURM_REQUEUED(Head.NONE, "slurmJob:TEXT", "restart:COUNT", "slurmReason:TEXT", "says?:TEXT", "run?:TEXT"),
    SLURM_PREEMPTED_ENDED(Head.NONE, "slurmJob:TEXT"),
    SLURM_NODE_FAILED_ENDED(Head.NONE, "slurmJob:TEXT", "node:TEXT"),
    SLURM_STARTED(Head.NONE),
    SLURM_RESUMED(Head.NONE),
    /** A note after the reason a job started with: where Slurm runs it. */
    IN_SLURM_JOB(Head.NONE, "slurmJob:TEXT", "node:TEXT", "gpus:COUNT"),
    SLURM_RAN_UNWATCHED(Head.NONE, "slurmJob:TEXT", "node:TEXT"),
    SLURM_COMPLETED(Head.NONE, "slurmJob:TEXT", "node:TEXT", "segments:COUNT", "summary:TEXT"),
    SLURM_CANCELLED(Head.NONE, "slurmJob:TEXT", "user:TEXT", "accounted:FLAG"),
    /** Its cause says why: one of the SLURM_* causes below, or the run's own failure message. */
    SLURM_FAILED(Head.NONE, "slurmJob:TEXT", "state:TEXT", "exitCode:COUNT", "node:TEXT"),
    SLURM_NO_COMPLETED_TRAINING(Head.NONE, "slurmJob:TEXT"),
    /** factor and margin: how the limit was set (the estimate x factor plus margin); checkpoint: the run's message. */
    SLURM_TIME_LIMIT(Head.NONE, "minutes:COUNT", "factor:NUMBER", "margin:DURATION", "checkpoint?:TEXT"),
    SLURM_OUT_OF_MEMORY(Head.NONE),
    SLURM_RUN_FAILED(Head.NONE, "message:TEXT"),
    SLURM_SCRIPT_EXITED(Head.NONE, "exitCode:COUNT", "signal?:COUNT", "tail:TEXT"),
    SLURM_JOB_LOST(Head.NONE, "slurmJob:TEXT"),
    SLURM_REFUSED(Head.NONE, "message:TEXT"),
    /** The job needs more on one node than the partition's largest node has. */
    SLURM_TOO_FEW_GPUS(Head.NONE, "needed:COUNT", "partition?:TEXT", "largest:COUNT"),
    SLURM_TOO_FEW_CPUS(Head.NONE, "needed:COUNT", "partition?:TEXT", "largest:COUNT");

    /** How a code's sentence begins when it decides to run at once ("run now"), so a HELD job can say "starting now". */
    enum Head { NONE, RUN_NOW }

    private final Head head;
    private final List<Param> params;

    ReasonCode(Head head, String... params) {
        this.head = head;
        this.params = Arrays.stream(params).map(Param::parse).toList();
    }

    /** Whether this decision releases the job at once: its sentence starts "run now". */
    public boolean runsNow() {
        return head == Head.RUN_NOW;
    }

    public List<Param> params() {
        return params;
    }

    Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** One argument a code carries: its name, its kind, and whether it may be absent. */
    public record Param(String name, ArgKind kind, boolean optional) {
        static Param parse(String declared) {
            String[] parts = declared.split(":");
            boolean optional = parts[0].endsWith("?");
            String name = optional ? parts[0].substring(0, parts[0].length() - 1) : parts[0];
            return new Param(name, ArgKind.valueOf(parts[1]), optional);
        }
    }
}
