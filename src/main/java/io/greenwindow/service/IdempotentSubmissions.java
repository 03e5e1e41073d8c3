package io.greenwindow.service;

import io.greenwindow.job.GreenwindowException;
import io.greenwindow.job.IdempotencyKeys;
import io.greenwindow.job.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Submissions that carry an idempotency key: the first request with a key stores its job; a retry with the same
 * key and the same request gets that same job back, never a second one (a client whose first attempt timed out
 * cannot tell whether it was stored). The same key with a different request is refused.
 */
public final class IdempotentSubmissions {

    /** A claim older than this whose job never appeared belonged to a service that stopped midway. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    /** Printable ASCII without spaces, 1 to 200 characters: a UUID fits, and nothing reaches a log raw. */
    private static final Pattern KEY = Pattern.compile("[!-~]{1,200}");

    private final JobService jobs;
    private final IdempotencyKeys keys;
    private final Clock clock;

    public IdempotentSubmissions(JobService jobs, IdempotencyKeys keys, Clock clock) {
        this.jobs = jobs;
        this.keys = keys;
        this.clock = clock;
    }

    /** The job a submission stored, and whether it is the one an earlier request with the same key stored. */
    public record Outcome(Job job, boolean replayed) {
    }

    /** A key used before for a different request. */
    public static final class KeyReusedException extends GreenwindowException {
        KeyReusedException(String message) {
            super(message);
        }
    }

    /** A key whose first request is still storing its job. */
    public static final class KeyInUseException extends GreenwindowException {
        KeyInUseException(String message) {
            super(message);
        }
    }

    /** As {@link JobService#submit}, once per {@code key}; {@code request} identifies the request's content. */
    public Outcome submit(String key, String request, String yaml, String source, Path specDir, String deadline) {
        return submit(key, request, () -> jobs.submit(yaml, source, specDir, deadline));
    }

    /** As {@link #submit(String, String, String, String, Path, String)}, storing the job with {@code store}. */
    public Outcome submit(String key, String request, java.util.function.Supplier<Job> store) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Idempotency-Key: must be 1 to 200 printable characters without spaces");
        }
        String hash = sha256(request);
        Instant now = clock.instant();
        if (!keys.claim(key, hash, now)) {
            Optional<Job> earlier = earlier(key, hash, now);
            if (earlier.isPresent()) {
                return new Outcome(earlier.get(), true);
            }
        }
        try {
            Job job = store.get();
            keys.complete(key, job.id());
            return new Outcome(job, false);
        } catch (RuntimeException e) {
            keys.release(key); // nothing stored: a corrected retry with the same key may try again
            throw e;
        }
    }

    /** The job the key's first request stored; empty when this request has taken over an abandoned claim. */
    private Optional<Job> earlier(String key, String hash, Instant now) {
        IdempotencyKeys.Stored stored = keys.find(key).orElse(null);
        if (stored == null) {
            // Released by a first attempt that failed meanwhile: claim it again, or meet the next one.
            if (keys.claim(key, hash, now)) {
                return Optional.empty();
            }
            stored = keys.find(key).orElseThrow(() -> new KeyInUseException(
                    "Idempotency-Key '" + key + "' is being used by another request right now; retry in a moment"));
        }
        if (!stored.requestHash().equals(hash)) {
            throw new KeyReusedException("Idempotency-Key '" + key + "' was used for a different submission;"
                    + " use a new key for a new job");
        }
        if (stored.jobId() != null) {
            return Optional.of(jobs.get(stored.jobId()));
        }
        if (keys.takeOver(key, now.minus(ABANDONED_AFTER), now)) {
            return Optional.empty();
        }
        throw new KeyInUseException("A submission with Idempotency-Key '" + key + "' is still being stored;"
                + " retry in a moment");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
