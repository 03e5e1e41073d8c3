package io.greenwindow.service;

import io.greenwindow.job.GreenwindowException;
import io.greenwindow.job.IdempotencyKeys;
import io.greenwindow.job.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Submissions that carry an idempotency key: the first request with a key stores its job; a retry with the same
 * key and the same request gets that same job back, never a second one (a client whose first attempt timed out
 * cannot tell whether it was stored). The same key with a different request is refused.
 *
 * <p>The key is looked up and written in the transaction that stores the job, under the planning lock: a key and
 * its job are stored together or not at all, and of two requests with one key the second waits for the first and
 * then finds its job. (A key was once claimed in a transaction of its own first; a claim of that kind that never got
 * its job belonged to a service that stopped midway, and is taken over.)
 */
public final class IdempotentSubmissions {

    /** Printable ASCII without spaces, 1 to 200 characters: a UUID fits, and nothing reaches a log raw. */
    private static final Pattern KEY = Pattern.compile("[!-~]{1,200}");

    private final JobService jobs;
    private final IdempotencyKeys keys;
    private final PlanningLock lock;
    private final Clock clock;

    public IdempotentSubmissions(JobService jobs, IdempotencyKeys keys, PlanningLock lock, Clock clock) {
        this.jobs = jobs;
        this.keys = keys;
        this.lock = lock;
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
        return lock.run(() -> {
            Optional<IdempotencyKeys.Stored> earlier = keys.find(key);
            if (earlier.isPresent() && !earlier.get().requestHash().equals(hash)) {
                throw new KeyReusedException("Idempotency-Key '" + key + "' was used for a different submission;"
                        + " use a new key for a new job");
            }
            if (earlier.isPresent() && earlier.get().jobId() != null) {
                return new Outcome(jobs.get(earlier.get().jobId()), true);
            }
            Job job = store.get();
            if (earlier.isPresent()) {
                keys.record(key, hash, job.id(), clock.instant()); // completes an old-style claim
            } else {
                keys.recordNew(key, hash, job.id(), clock.instant());
            }
            return new Outcome(job, false);
        });
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
