package io.greenwindow.ledger;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of walking the hash chain and checking it against a head recorded earlier. A chain alone cannot
 * show that its newest entries were removed; {@code checkedAgainst} says which head ruled that out (the newest
 * signed checkpoint, or a head a lead wrote down), or that none was available.
 */
public record VerifyResult(boolean intact, long entriesChecked, long headSeq, String headHash,
        List<Problem> problems, String checkedAgainst) {

    /** One thing wrong, at the entry it was found at. */
    public record Problem(long seq, String problem) {
    }

    public VerifyResult {
        problems = List.copyOf(problems);
        checkedAgainst = checkedAgainst == null ? "" : checkedAgainst;
    }

    public VerifyResult(boolean intact, long entriesChecked, long headSeq, String headHash, List<Problem> problems) {
        this(intact, entriesChecked, headSeq, headHash, problems, "");
    }

    /** This result with the problems found against a recorded head, and which head that was. */
    VerifyResult against(String head, List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new VerifyResult(all.isEmpty(), entriesChecked, headSeq, headHash, all, head);
    }

    /** One sentence for a user. */
    @JsonProperty("summary")
    public String summary() {
        if (intact) {
            String against = checkedAgainst.isEmpty()
                    ? " (no recorded head to compare with, so removal of the newest entries cannot be ruled out)"
                    : "; " + checkedAgainst;
            return "Ledger intact: " + entriesChecked + " entries, head " + headSeq + " with hash "
                    + LedgerChain.shortHash(headHash) + against;
        }
        return "Ledger tampered: " + problems.size() + " problem(s), first at entry " + problems.get(0).seq() + ": "
                + problems.get(0).problem();
    }
}
