package io.greenwindow.plan.sim;

/**
 * One job of a job trace, in seconds from the anchor. {@code deadline} is -1 when the trace gives none (the
 * simulator then applies its slack); {@code interruptible} is null when the trace does not say.
 */
public record SimJob(String id, long submit, long duration, int gpus, long deadline, Boolean interruptible) {
    public SimJob {
        if (duration <= 0) {
            throw new IllegalArgumentException("Duration " + duration + " s of job " + id + " must be positive");
        }
        if (gpus < 0) {
            throw new IllegalArgumentException("GPUs " + gpus + " of job " + id + " must be >= 0");
        }
    }
}
