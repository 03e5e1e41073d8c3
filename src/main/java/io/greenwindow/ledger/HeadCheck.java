package io.greenwindow.ledger;

import java.util.List;

/**
 * Checks the stored rows against a head recorded earlier (a signed checkpoint or a head a lead wrote down): the
 * entry at that sequence number must still be there with that hash. Finds the newest entries removed, the table
 * emptied (a TRUNCATE, which H2's row trigger does not see), a rewrite of the newest entries, and a database
 * rolled back to a backup taken before that head.
 */
final class HeadCheck {

    private HeadCheck() {
    }

    static List<VerifyResult.Problem> against(List<LedgerRow> rows, long seq, String hash, String recorded) {
        if (seq == 0) {
            return List.of();
        }
        LedgerRow at = rows.stream().filter(r -> r.seq() == seq).findFirst().orElse(null);
        if (at != null) {
            return at.hash().equals(hash) ? List.of() : List.of(new VerifyResult.Problem(seq, "Entry " + seq
                    + " has hash " + LedgerChain.shortHash(at.hash()) + ", not " + LedgerChain.shortHash(hash) + " as "
                    + recorded + " says: the entries up to it were rewritten, or the database was rolled back and "
                    + "written again"));
        }
        if (rows.isEmpty()) {
            return List.of(new VerifyResult.Problem(seq, "The ledger is empty, but " + recorded + " says it held "
                    + seq + " entries: the table was emptied (TRUNCATE) or the database replaced"));
        }
        long newest = rows.get(rows.size() - 1).seq();
        String missing = newest + 1 == seq ? "Entry " + seq + " is" : "Entries " + (newest + 1) + " to " + seq + " are";
        return List.of(new VerifyResult.Problem(newest + 1, missing + " missing, though " + recorded + " says the "
                + "ledger held entry " + seq + ": the newest entries were removed, or the database was rolled back"));
    }
}
