package io.greenwindow.ledger;

import java.time.Instant;

/**
 * One append-only ledger entry: its place in the chain ({@code seq}, the previous entry's hash, its own hash),
 * when it was written, and what it says.
 */
public record LedgerEntry(long seq, Instant recordedAt, String prevHash, String hash, EntryContent content) {
}
