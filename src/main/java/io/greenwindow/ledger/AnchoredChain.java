package io.greenwindow.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hash chain checked against recorded heads: the newest signed checkpoint (and older checkpoints whose entry
 * now has another hash, the mark of a rollback written over), and a head a lead wrote down.
 */
final class AnchoredChain {

    private AnchoredChain() {
    }

    /** The chain's own check, then the checkpoints of {@code anchor} (null: no anchor, the chain alone). */
    static VerifyResult verify(List<LedgerRow> rows, LedgerAnchor anchor) {
        VerifyResult chain = LedgerChain.verify(rows);
        if (anchor == null) {
            return chain;
        }
        LedgerAnchor.Checkpoints checkpoints = anchor.read();
        List<VerifyResult.Problem> problems = new ArrayList<>();
        checkpoints.badLines().forEach(b -> problems.add(new VerifyResult.Problem(0, b)));
        var newest = checkpoints.newest();
        if (newest.isEmpty()) {
            return chain.against("", problems);
        }
        LedgerHead head = newest.get();
        String recorded = "the checkpoint signed at " + head.signedAt();
        problems.addAll(HeadCheck.against(rows, head.seq(), head.hash(), recorded));
        // An older checkpoint whose entry is still there with another hash: rolled back, then written again.
        Set<Long> named = new HashSet<>();
        for (LedgerHead older : checkpoints.heads()) {
            boolean rewritten = rows.stream().anyMatch(r -> r.seq() == older.seq() && !r.hash().equals(older.hash()));
            if (older != head && rewritten && named.add(older.seq())) {
                problems.addAll(HeadCheck.against(rows, older.seq(), older.hash(),
                        "the checkpoint signed at " + older.signedAt()));
            }
        }
        return chain.against("checked against " + recorded + " (entry " + head.seq() + ", hash "
                + LedgerChain.shortHash(head.hash()) + ")", problems);
    }

    /** As {@link #verify(List, LedgerAnchor)}, and against the head {@code seq} with {@code hash}. */
    static VerifyResult verify(List<LedgerRow> rows, LedgerAnchor anchor, long seq, String hash) {
        VerifyResult checked = verify(rows, anchor);
        String recorded = "the head you gave (" + seq + ":" + LedgerChain.shortHash(hash) + ")";
        List<VerifyResult.Problem> problems = HeadCheck.against(rows, seq, hash, recorded);
        String against = (checked.checkedAgainst().isEmpty() ? "" : checked.checkedAgainst() + " and ")
                + "checked against " + recorded;
        return checked.against(against, problems);
    }
}
