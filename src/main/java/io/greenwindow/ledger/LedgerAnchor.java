package io.greenwindow.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Anchors the hash chain outside the database: signed head checkpoints (Ed25519, from the JDK) appended to a file
 * beside the signing key, in the node's data directory. A chain alone cannot show that its newest entries were
 * removed, that the table was emptied, or that the database was rolled back to a backup; a checkpoint signed
 * earlier can. Someone who holds both the database and the key (and the checkpoint file) can still rewrite all
 * three consistently: only a head written down elsewhere ({@code ledger verify --head}) guards against that.
 */
public final class LedgerAnchor {

    public static final String KEY_FILE = "ledger-signing.key";
    public static final String PUBLIC_KEY_FILE = "ledger-signing.pub";
    public static final String CHECKPOINT_FILE = "ledger-checkpoints.log";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path checkpoints;

    private LedgerAnchor(PrivateKey privateKey, PublicKey publicKey, Path checkpoints) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.checkpoints = checkpoints;
    }

    /**
     * The anchor kept in {@code dir}: the key pair is read from {@value #KEY_FILE} (mode 0600) and
     * {@value #PUBLIC_KEY_FILE}, or made there on first use; checkpoints go to {@value #CHECKPOINT_FILE}.
     */
    public static LedgerAnchor inDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Path key = dir.resolve(KEY_FILE);
            Path pub = dir.resolve(PUBLIC_KEY_FILE);
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (!Files.exists(key) && !Files.exists(pub)) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                writeSecret(key, pair.getPrivate().getEncoded());
                Files.writeString(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
            }
            if (!Files.exists(key) || !Files.exists(pub)) {
                throw new IllegalStateException("Ledger signing key: " + (Files.exists(key) ? pub : key)
                        + " is missing while " + (Files.exists(key) ? key : pub) + " exists; restore it, or move both away to make a new pair");
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(key)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(pub)));
            return new LedgerAnchor(privateKey, publicKey, dir.resolve(CHECKPOINT_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Ledger signing key in " + dir + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Ledger signing key in " + dir + " is not an Ed25519 key pair: "
                    + e.getMessage(), e);
        }
    }

    /** Signs the head and appends the checkpoint to the file (written through to the disk before it returns). */
    public synchronized LedgerHead checkpoint(long seq, String hash, Instant at) {
        LedgerHead head = sign(seq, hash, at);
        String line = head.seq() + " " + head.hash() + " " + head.signedAt() + " " + head.signature() + "\n";
        try {
            Files.writeString(checkpoints, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append a ledger checkpoint to " + checkpoints + ": " + e.getMessage(), e);
        }
        return head;
    }

    LedgerHead sign(long seq, String hash, Instant at) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(LedgerHead.signedText(seq, hash, at));
            return new LedgerHead(seq, hash, at, Base64.getEncoder().encodeToString(s.sign()), publicKeyText());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the ledger head: " + e.getMessage(), e);
        }
    }

    /** True when {@code head}'s signature is this anchor's over its seq, hash and time. */
    public boolean signatureValid(LedgerHead head) {
        if (head.signature() == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(LedgerHead.signedText(head.seq(), head.hash(), head.signedAt()));
            return s.verify(Base64.getDecoder().decode(head.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Every checkpoint in the file, in the order written, and each line that is not a validly signed one. */
    Checkpoints read() {
        List<LedgerHead> heads = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        if (!Files.exists(checkpoints)) {
            return new Checkpoints(heads, bad);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(checkpoints, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + checkpoints + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            LedgerHead head = parse(line);
            if (head == null || !signatureValid(head)) {
                bad.add("Checkpoint line " + (i + 1) + " of " + checkpoints.getFileName()
                        + " does not carry a valid signature of this node's key: it was edited or forged");
            } else {
                heads.add(head);
            }
        }
        return new Checkpoints(heads, bad);
    }

    /** The checkpoints read back: the valid heads in file order and a sentence per line that is not one. */
    record Checkpoints(List<LedgerHead> heads, List<String> badLines) {

        Optional<LedgerHead> newest() {
            return heads.stream().reduce((a, b) -> b.seq() >= a.seq() ? b : a);
        }
    }

    private LedgerHead parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new LedgerHead(Long.parseLong(parts[0]), parts[1], Instant.parse(parts[2]), parts[3],
                    publicKeyText());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void writeSecret(Path key, byte[] encoded) throws IOException {
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key); // not a POSIX file system: the directory's own protection applies
        } catch (FileAlreadyExistsException e) {
            throw new IOException(key + " appeared while a new key was being made", e);
        }
        Files.writeString(key, Base64.getEncoder().encodeToString(encoded) + "\n");
    }

    private static byte[] decode(Path file) throws IOException {
        return Base64.getDecoder().decode(Files.readString(file).trim());
    }
}
