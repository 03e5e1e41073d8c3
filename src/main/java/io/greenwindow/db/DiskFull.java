package io.greenwindow.db;

import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a failure caused by a full disk anywhere in its cause chain: the operating system's "No space left
 * on device" (ENOSPC) on an I/O exception, or H2's MVStore failing to write its file (it reports the write, not
 * the reason, so any MVStore write failure is taken as one: the disk is by far its commonest cause).
 */
public final class DiskFull {

    private DiskFull() {
    }

    public static boolean in(Throwable failure) {
        return in(failure, new HashSet<>());
    }

    private static boolean in(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
                return true;
            }
            // H2 wraps the MVStore's exception in an SQLException whose message starts with its class name.
            boolean mvStore = t.getClass().getName().startsWith("org.h2.mvstore.") || message.contains("MVStoreException");
            if (mvStore && message.contains("Writing to ") && message.contains(" failed")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (in(s, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
