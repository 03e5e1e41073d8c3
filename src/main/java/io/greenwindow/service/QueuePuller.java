package io.greenwindow.service;

import io.greenwindow.reason.Reason;
import io.greenwindow.reason.ReasonCode;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a job slot of this node frees (a segment ended, perhaps well before its estimate), moves the zone's waiting
 * jobs forward at once rather than at the next periodic re-plan ({@link Replanner#pullForward}). Runs on a thread
 * of its own so that the runner's thread is not held; slots freed while a pass waits are served by that pass.
 */
public final class QueuePuller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePuller.class);

    private final Replanner replanner;
    private final String zone;
    private final Clock clock;
    private final Runnable afterwards;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "queue-puller");
        t.setDaemon(true);
        return t;
    });

    /** @param afterwards run after each pass (look for releases now due) */
    public QueuePuller(Replanner replanner, String zone, Clock clock, Runnable afterwards) {
        this.replanner = replanner;
        this.zone = zone;
        this.clock = clock;
        this.afterwards = afterwards;
    }

    /** A job slot of this node freed: pull the zone's queue forward soon. */
    public void slotFreed() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::pass);
        } catch (RejectedExecutionException e) {
            pending.set(false); // closing
        }
    }

    private void pass() {
        pending.set(false);
        try {
            replanner.pullForward(zone, Reason.prefix(ReasonCode.REPLANNED_SLOT_FREED).with("zone", zone)
                    .with("freed", clock.instant()));
            afterwards.run();
        } catch (RuntimeException e) {
            LOG.error("Moving the {} queue forward failed: {}", zone, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
