package io.greenwindow.ledger;

import java.time.Duration;

/**
 * Where an entry's intensities come from, against where they should come from: the history provider configured
 * for the zone when the job ran. Another source (a fallback provider, the replay) is a substitute: the ledger
 * waits for the configured one, and only after {@code LedgerSettings.substituteAfter} completes with the
 * substitute, marked as such.
 *
 * @param configuredSource the zone's own history source when the job ran; null when nothing was configured to say
 * @param usedSource the source of the history the figures were computed from; null while none was used
 * @param substitute true when {@code usedSource} is not {@code configuredSource}
 */
public record Provenance(String configuredSource, String usedSource, boolean substitute) {

    static Provenance of(String configured, String used) {
        return new Provenance(configured, used, configured != null && used != null && !configured.equals(used));
    }

    /** The sentence a reader of a substituted entry gets. */
    String substituteSentence(String zone, Duration waited) {
        return "Carbon from " + usedSource + ", a substitute: " + configuredSource + ", the history provider "
                + "configured for " + zone + " when the job ran, gave no history within " + Quantities.days(waited.toSeconds() / 86400.0)
                + " of the run's end";
    }
}
