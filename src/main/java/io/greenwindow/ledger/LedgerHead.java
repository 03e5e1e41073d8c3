package io.greenwindow.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * The head of the chain at one moment, signed: the newest entry's sequence number and hash, when it was signed,
 * the Ed25519 signature (base64) and the public key that checks it (base64 X.509). Reports and exports carry it so
 * that a reader can later prove the ledger still holds that head. {@code signature} is null on a ledger that has
 * no signing key configured: the head is then only a claim.
 */
public record LedgerHead(long seq, String hash, Instant signedAt, String signature, String publicKey) {

    public LedgerHead {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(signedAt, "signedAt");
        if (seq < 0) {
            throw new IllegalArgumentException("Head seq " + seq + " must be >= 0");
        }
    }

    /** "SEQ:HASH", the form {@code ledger verify --head} takes. */
    public String written() {
        return seq + ":" + hash;
    }

    /** The bytes the signature covers: a fixed label, so that no other signed text can pass for a head. */
    static byte[] signedText(long seq, String hash, Instant signedAt) {
        return ("greenwindow ledger head\n" + seq + "\n" + hash + "\n" + signedAt + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
