package io.greenwindow.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of walking the hash chain. A chain alone cannot show that its newest entries were removed: compare
 * {@code headSeq} and {@code headHash} with values recorded earlier (a report, a log) to rule that out.
 */
public record VerifyResult(boolean intact, long entriesChecked, long headSeq, String headHash,
        List<Problem> problems) {

    /** One thing wrong, at the entry it was found at. */
    public record Problem(long seq, String problem) {
    }

    public VerifyResult {
        problems = List.copyOf(problems);
    }

    /** One sentence for a user. */
    @JsonProperty("summary")
    public String summary() {
        if (intact) {
            return "Ledger intact: " + entriesChecked + " entries, head " + headSeq + " with hash "
                    + LedgerChain.shortHash(headHash) + " (compare with a head recorded earlier to rule out removal of the newest entries)";
        }
        return "Ledger tampered: " + problems.size() + " problem(s), first at entry " + problems.get(0).seq() + ": "
                + problems.get(0).problem();
    }
}
