package io.greenwindow.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries to count so that nothing is counted twice: per job, its JOB entry (or the latest completion or
 * correction of it); for a job without one (still running, or crashed) its segments, each likewise. Sums over these
 * are a team's figures; the raw ledger keeps every entry.
 */
final class EffectiveEntries {

    private EffectiveEntries() {
    }

    /** For each original entry that was completed or corrected, its latest replacement, by original seq. */
    static Map<Long, LedgerEntry> latestReplacements(List<LedgerEntry> entries) {
        Map<Long, LedgerEntry> latest = new HashMap<>();
        for (LedgerEntry e : entries) {
            if (e.content().kind().replacesAnother() && e.content().completesSeq() != null) {
                latest.put(e.content().completesSeq(), e);
            }
        }
        return latest;
    }

    static List<LedgerEntry> of(List<LedgerEntry> entries) {
        Map<Long, LedgerEntry> completionOf = new HashMap<>();
        for (LedgerEntry e : entries) {
            if (e.content().kind().replacesAnother() && e.content().completesSeq() != null) {
                // Entries come in chain order: a later replacement overwrites an earlier one.
                completionOf.put(e.content().completesSeq(), e);
            }
        }
        Map<String, LedgerEntry> jobEntry = new LinkedHashMap<>();
        for (LedgerEntry e : entries) {
            if (e.content().kind() == EntryKind.JOB) {
                jobEntry.put(e.content().jobId(), completionOf.getOrDefault(e.seq(), e));
            }
        }
        List<LedgerEntry> effective = new ArrayList<>();
        for (LedgerEntry e : entries) {
            EntryKind kind = e.content().kind();
            if (kind == EntryKind.JOB) {
                effective.add(jobEntry.get(e.content().jobId()));
            } else if (kind == EntryKind.SEGMENT && !jobEntry.containsKey(e.content().jobId())) {
                effective.add(completionOf.getOrDefault(e.seq(), e));
            }
        }
        return effective;
    }
}
