package io.greenwindow.reason;

import java.util.Locale;

/** The sentences of what happens to a job: submitted, released, run, paused, finished, planned again. */
final class EventWords {

    private EventWords() {
    }

    static String sentence(Reason r) {
        String t = Wording.clock(r.at());
        return switch (r.code()) {
            case TEXT -> r.text("text");
            case STARTING_NOW -> "starting now: ";
            case REPLANNED -> "re-planned: ";
            case REPLANNED_ON_FORECAST -> "re-planned on a new " + r.text("zone") + " forecast (generated "
                    + clock(r, "generated") + "): ";
            case REPLANNED_ON_CAPACITY -> "re-planned: capacity in " + r.text("zone") + " changed from " + r.text("was")
                    + " to " + r.text("now") + ": ";
            case REPLANNED_FOR_DEADLINE -> "re-planned: job " + r.text("job") + " (deadline " + clock(r, "deadline")
                    + ") could not meet its deadline behind the plans made before it: ";
            case REPLANNED_FOR_OVERRUN -> "re-planned: job " + r.text("job") + " runs past its estimate: ";
            case REPLANNED_SLOT_FREED -> "re-planned: a job slot in " + r.text("zone") + " freed at " + clock(r, "freed")
                    + ": ";
            case PAUSING_FOR_REST -> "pausing at its next checkpoint: the rest of its work (about "
                    + Wording.span(r.duration("left")) + ") is greener later: ";
            case GOING_ON_REPLANNED -> "goes on now; the rest of its work (about " + Wording.span(r.duration("left"))
                    + ") re-planned: ";
            case SUBMITTED -> "submitted at " + t;
            case RELEASED -> "released at " + t + (r.count("segment") > 0 ? " (segment " + (r.count("segment") + 1) + ")"
                    : "") + released(r);
            case RESUMED_AFTER_RESTART -> "resumed at " + t + " after a service restart, from its last checkpoint";
            case TAKEN_OVER -> "taken over at " + t + " by node " + r.text("node") + ": node " + r.text("from")
                    + " last answered at " + clock(r, "lastSeen")
                    + "; resumes from its last checkpoint where the nodes share their data folder";
            case ON_GPUS -> "on GPU " + r.text("devices");
            case NO_USABLE_GPU -> "asked for " + r.count("wanted") + " GPU(s) but node " + r.text("node")
                    + " has none usable: trains on the CPU";
            case FEWER_GPUS -> "asked for " + r.count("wanted") + " GPUs, node " + r.text("node") + " has "
                    + r.count("got") + ": trains on GPU " + r.text("devices");
            case COMPLETED -> "completed at " + t + " after " + r.count("segments") + " segment(s): " + r.text("summary");
            case PAUSED_AT_CHECKPOINT -> "paused at " + t + " after segment " + r.count("segment")
                    + " (checkpoint saved): " + r.text("summary");
            case FAILED -> "failed at " + t + ": " + r.text("message");
            case FAILED_TO_RUN -> "failed: " + r.text("message");
            case FAULT -> "failed at " + t + ": the job could not be " + r.text("doing") + " (" + r.text("why") + ")";
            case CANCELLED -> "cancelled at " + t + (r.has("by") ? " by " + r.text("by") : " by request")
                    + (r.flag("running") ? " while running (energy so far is in the ledger)" : "");
            case ON_TIME -> "on time";
            case OVERRUN_EXTENDED -> "extended at " + t + ": " + past(r) + "; its deadline " + clock(r, "deadline")
                    + " allows it until " + clock(r, "until");
            case OVERRUN_PAUSED -> "paused at " + t + ": " + past(r) + ", and its deadline " + clock(r, "deadline")
                    + " allows no more; checkpoint kept, its slot goes to jobs whose deadlines still hold";
            case OVERRUN_STOPPED -> "stopped at " + t + ": " + past(r) + ", and its deadline " + clock(r, "deadline")
                    + " allows no more; it cannot be interrupted, so its slot goes to jobs whose deadlines still hold";
            default -> SlurmWords.sentence(r);
        };
    }

    /** What the plan said, when the job has one: at once in a zone, or a window and its forecast. */
    private static String released(Reason r) {
        if (!r.has("zone")) {
            return "";
        }
        if (r.flag("atOnce")) {
            return ": planned to run at once in " + r.text("zone");
        }
        return String.format(Locale.ROOT, ": planned window in %s, forecast %.0f g/kWh vs %.0f at submission",
                r.text("zone"), r.number("expected"), r.number("nowAvg"));
    }

    private static String past(Reason r) {
        return "ran " + Wording.span(r.duration("ran")) + ", past its " + Wording.span(r.duration("estimate"))
                + " estimate";
    }

    private static String clock(Reason r, String name) {
        return Wording.clock(r.instant(name));
    }
}
