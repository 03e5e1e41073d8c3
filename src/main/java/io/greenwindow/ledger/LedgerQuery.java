package io.greenwindow.ledger;

import java.time.Instant;

/**
 * Which entries to read: a team (null = all), and the runs that ended in [from, to) (null = open). Entries are
 * placed in time by the end of the run they account for, not by when they were written, so that a completion
 * written weeks later still counts in the month the job ran.
 */
public record LedgerQuery(String team, Instant from, Instant to) {

    /** The team of a job that names none. */
    public static final String NO_TEAM = "-";

    public static final LedgerQuery ALL = new LedgerQuery(null, null, null);

    public LedgerQuery {
        team = team == null || team.isBlank() ? null : team;
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("'to' " + to + " must be after 'from' " + from);
        }
    }
}
