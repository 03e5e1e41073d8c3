package io.greenwindow.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Where ledger entries are kept. Appending is the only write: there is deliberately no method that changes or
 * removes an entry.
 */
public interface LedgerRepository {

    /** Appends {@code content} at the head of the chain in its own transaction; concurrent appends never fork it. */
    LedgerEntry append(Instant recordedAt, EntryContent content);

    /** Entries matching the query, in chain order. */
    List<LedgerEntry> entries(LedgerQuery query);

    /** At most {@code limit} entries matching the query whose seq is above {@code afterSeq}, in chain order. */
    List<LedgerEntry> page(LedgerQuery query, long afterSeq, int limit);

    /** Whether the ledger holds the JOB entry of {@code jobId}. */
    boolean hasJobEntry(String jobId);

    /** The segment entries of one job, in chain order. */
    List<LedgerEntry> segmentsOf(String jobId);

    /**
     * Entries whose carbon is still waiting for history and that no completion entry completes yet, in chain
     * order: PENDING ones, and PARTIAL_ENERGY ones (energy cut by a crash) whose carbon is pending too.
     */
    List<LedgerEntry> pendingWithoutCompletion();

    /** Every row as stored, in chain order, for verification. */
    List<LedgerRow> rowsInChainOrder();

    /** The newest row as stored, if any: the head of the chain. */
    default java.util.Optional<LedgerRow> newestRow() {
        List<LedgerRow> rows = rowsInChainOrder();
        return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(rows.size() - 1));
    }
}
