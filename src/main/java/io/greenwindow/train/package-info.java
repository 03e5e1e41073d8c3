/**
 * Training jobs on a node: each run segment is a child JVM ({@link io.greenwindow.train.TrainMain}) started by
 * {@link io.greenwindow.train.TrainingLauncher}, which meters it and returns a
 * {@link io.greenwindow.train.TrainingOutcome} with its energy report.
 *
 * <p>Files in a job's work dir: {@code document.json} (the job document the service validated at submission, its
 * base model resolved; the trainer reads it as it is), {@code checkpoints/checkpoint.zip} (model with updater state, RNG state and data
 * position; written atomically), {@code pause.request} (the service's pause signal), {@code train.lock} (held by
 * the JVM training the job), {@code energy-<start millis>.csv} (durable samples of a running segment, renamed
 * {@code .reported.csv} once its outcome exists; see {@link io.greenwindow.train.EnergyRecovery}),
 * {@code result.json} (how the last segment ended), {@code progress.json} (how far training got) and {@code output-*.log} (each segment's output). Trained models go
 * to {@code <modelsDir>/<jobId>/model.zip} with {@code model-info.json} (spec name, backend, inference probe).
 */
package io.greenwindow.train;
