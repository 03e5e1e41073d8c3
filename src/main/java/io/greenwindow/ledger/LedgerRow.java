package io.greenwindow.ledger;

import java.time.Instant;

/** An entry as stored: every column, in the form the hash covers (for verification and for other stores). */
public record LedgerRow(long seq, Instant recordedAt, String kind, String status, String jobId, String team, String zone,
        Instant runEnd, Long completesSeq, String content, String prevHash, String hash) {

    public LedgerEntry toEntry() {
        return new LedgerEntry(seq, recordedAt, prevHash, hash, LedgerJson.read(content, EntryContent.class));
    }
}
