package io.greenwindow.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain: each entry's hash is SHA-256 over a canonical serialisation of all its columns, the previous
 * entry's hash among them. Each field is written as its length, a colon and its text, so that no two different
 * rows serialise alike (a field cannot swallow its neighbour's separator).
 */
final class LedgerChain {

    /** The previous hash of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private LedgerChain() {
    }

    static String hash(long seq, Instant recordedAt, String kind, String status, String jobId, String team,
            String zone, Instant runEnd, Long completesSeq, String content, String prevHash) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : new Object[] {seq, recordedAt, kind, status, jobId, team, zone, runEnd, completesSeq,
                content, prevHash}) {
            String text = field == null ? "" : field.toString();
            canonical.append(text.length()).append(':').append(text).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    static String hashOf(LedgerRow r) {
        return hash(r.seq(), r.recordedAt(), r.kind(), r.status(), r.jobId(), r.team(), r.zone(), r.runEnd(),
                r.completesSeq(), r.content(), r.prevHash());
    }

    /** Walks the rows in sequence order and names every entry that was edited, and every gap left by a deletion. */
    static VerifyResult verify(List<LedgerRow> rows) {
        List<VerifyResult.Problem> problems = new ArrayList<>();
        long expected = 1;
        String previousHash = GENESIS;
        for (LedgerRow row : rows) {
            if (row.seq() != expected) {
                String missing = row.seq() - 1 == expected ? "Entry " + expected + " is missing"
                        : "Entries " + expected + " to " + (row.seq() - 1) + " are missing";
                problems.add(new VerifyResult.Problem(expected, missing + " (deleted): entry " + row.seq()
                        + " follows entry " + (expected - 1)));
            }
            if (!row.prevHash().equals(previousHash)) {
                problems.add(new VerifyResult.Problem(row.seq(), "Entry " + row.seq() + " does not chain to entry "
                        + (expected - 1) + ": its previous hash " + shortHash(row.prevHash()) + " is not "
                        + shortHash(previousHash) + " (an entry before it was deleted, inserted or rewritten)"));
            }
            if (!hashOf(row).equals(row.hash())) {
                problems.add(new VerifyResult.Problem(row.seq(), "Entry " + row.seq() + " (job " + row.jobId()
                        + ") was edited: its columns no longer match its hash " + shortHash(row.hash())));
            }
            previousHash = row.hash();
            expected = row.seq() + 1;
        }
        long head = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
        return new VerifyResult(problems.isEmpty(), rows.size(), head, rows.isEmpty() ? GENESIS : previousHash,
                problems);
    }

    static String shortHash(String hash) {
        return hash == null ? "(none)" : hash.substring(0, Math.min(12, hash.length()));
    }
}
