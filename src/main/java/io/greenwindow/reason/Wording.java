package io.greenwindow.reason;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one place a {@link Reason} becomes a sentence: the API, the CLI, the dashboard and the stored text all come
 * from {@link #render}. Instants read in UTC ("02:00 UTC", dated when not on the reason's own day), durations as
 * 1h30m, intensities as whole g/kWh, savings as whole percent.
 */
public final class Wording {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Wording() {
    }

    /** The sentence a user reads for {@code reason}. */
    public static String render(Reason reason) {
        return head(reason, false) + notes(reason);
    }

    /**
     * The notes after a reason's own sentence: "; " before each, but a plain space before "on GPU 0" and "in Slurm
     * job 5 on node vm".
     */
    private static String notes(Reason reason) {
        StringBuilder b = new StringBuilder();
        for (Reason note : reason.notes()) {
            b.append(note.code() == ReasonCode.ON_GPUS || note.code() == ReasonCode.IN_SLURM_JOB ? " " : "; ").append(render(note));
        }
        return b.toString();
    }

    /**
     * The sentence without its notes; {@code starting}: a run-now decision on a job that is HELD only until its
     * release a moment later reads "starting now" rather than "run now".
     */
    static String head(Reason r, boolean starting) {
        r.complete();
        if (r.code() == ReasonCode.STARTING_NOW) {
            Reason decision = r.cause();
            return decision.code().runsNow() ? head(decision, true) + notes(decision)
                    : "starting now: " + render(decision);
        }
        String own = DecisionWords.sentence(r, starting ? "starting now" : "run now");
        if (own == null) {
            own = EventWords.sentence(r);
        }
        return r.cause() == null ? own : own + render(r.cause());
    }

    /**
     * Where a planned job will run, while it waits: the plan names a zone, and the node is chosen when the release
     * falls due (the zone's live node with the job's GPUs free, the smallest such), not by the planner.
     */
    public static String nodeAtRelease(String zone, int gpus) {
        return "chosen at release: " + (gpus > 0 ? "the smallest node of " + zone + " with a free job slot and "
                + gpus + (gpus == 1 ? " GPU" : " GPUs") + " free" : "a node of " + zone + " with a free job slot");
    }

    /** "02:00 UTC" on the same UTC day as the reason was made, else with the date. */
    static String at(Reason r, Instant t) {
        return r.sameDay(t) ? CLOCK.format(t) : DATED.format(t);
    }

    /** Always "02:00 UTC" (the events of a running job are read on the day they happen). */
    static String clock(Instant t) {
        return CLOCK.format(t);
    }

    /** "1h30m", rounded up to the minute. */
    public static String length(Duration d) {
        long minutes = (d.getSeconds() + 59) / 60;
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + "m";
        }
        return m == 0 ? h + "h" : h + "h" + m + "m";
    }

    /** "1 h 5 min", "20 min", "45 s": how long a job ran. */
    public static String span(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h == 0 ? m + " min" : m == 0 ? h + " h" : h + " h " + m + " min";
    }

    public static String g(double gPerKwh) {
        // Math.round rounds half up, as %.0f does for these non-negative values; String.format costs microseconds
        // per plan, which matters when ten thousand plans are re-made at once.
        return Double.isNaN(gPerKwh) ? "unknown" : Long.toString(Math.round(gPerKwh));
    }

    public static String percent(double fraction) {
        return Long.toString(Math.round(fraction * 100)) + "%";
    }

    /**
     * Two fractions as percentages, with as many decimals (up to two) as it takes to tell them apart, so that a
     * saving of 4.6% is not said to be below a minimum of "5%" while reading "5%" itself.
     */
    public static String[] percents(double a, double b) {
        String pa = percent(a);
        String pb = percent(b);
        for (int decimals = 1; decimals <= 2 && pa.equals(pb); decimals++) {
            String f = "%." + decimals + "f%%";
            pa = String.format(Locale.ROOT, f, a * 100);
            pb = String.format(Locale.ROOT, f, b * 100);
        }
        return new String[] {pa, pb};
    }
}
