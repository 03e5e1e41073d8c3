package io.greenwindow.ledger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment lifetime per served model: a newer training run of a model (same job name, same team) replaces
 * the deployment of the runs before it, unless its spec says it is served alongside them
 * ({@code inference.servedAlongside}). Without this, two runs of one model would count two lifetimes for one service.
 */
final class Deployments {

    private Deployments() {
    }

    /** For each job id whose deployment a later run replaced, that later run's entry. {@code effective} in chain order. */
    static Map<String, LedgerEntry> replacedBy(List<LedgerEntry> effective) {
        Map<String, LedgerEntry> newestOfName = new HashMap<>();
        Map<String, LedgerEntry> replaced = new HashMap<>();
        for (LedgerEntry e : effective) {
            EntryContent c = e.content();
            if (c.inference() == null || c.segmentIndex() != null) {
                continue;
            }
            LedgerEntry before = newestOfName.get(c.jobName());
            boolean alongside = c.assumptions() != null && c.assumptions().servedAlongside();
            if (before != null && !alongside && !before.content().jobId().equals(c.jobId())) {
                replaced.put(before.content().jobId(), e);
            }
            newestOfName.put(c.jobName(), e);
        }
        // A run replaced by one that was itself replaced is still replaced; name the newest successor.
        for (Map.Entry<String, LedgerEntry> r : replaced.entrySet()) {
            LedgerEntry successor = r.getValue();
            while (replaced.containsKey(successor.content().jobId())) {
                successor = replaced.get(successor.content().jobId());
            }
            r.setValue(successor);
        }
        return replaced;
    }

    static String replacedSentence(LedgerEntry successor) {
        return "deployment replaced by the later training run " + successor.content().jobId() + " (entry "
                + successor.seq() + "): its inference lifetime is counted there, not here";
    }
}
