package io.greenwindow.train;

import io.greenwindow.energy.EnergyBinner;
import io.greenwindow.energy.EnergyReport;
import io.greenwindow.energy.EnergySample;
import io.greenwindow.energy.EnergySampleLog;
import io.greenwindow.energy.EnergySampler;
import io.greenwindow.node.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A running child JVM with the sampler that meters it; builds the outcome and energy report once it exits. */
final class ChildTrainingProcess implements TrainingProcess {

    private final Process process;
    private final Path workDir;
    private final Path stderr;
    private final NodeProfile node;
    private final Clock clock;
    private final Duration binStep;
    private final Instant start;
    private final JobMeters meters;
    private final EnergySampler sampler;
    private final Path energyLog;
    private TrainingOutcome outcome;
    private final RotatingOutput output;

    ChildTrainingProcess(Process process, Path workDir, Path stderr, NodeProfile node, String visibleGpus, Clock clock,
            MeterSettings settings, Duration binStep, RotatingOutput output) {
        this.output = output;
        this.process = process;
        this.workDir = workDir;
        this.stderr = stderr;
        this.node = node;
        this.clock = clock;
        this.binStep = binStep;
        this.start = clock.instant();
        try {
            this.meters = new JobMeters(process.pid(), node, visibleGpus, settings, start);
        } catch (RuntimeException e) {
            // Never leave a training JVM running that nobody meters or controls.
            process.destroyForcibly();
            throw new TrainingFailure("cannot meter the training JVM: " + e.getMessage(), e);
        }
        try {
            this.energyLog = workDir.resolve(EnergyRecovery.PREFIX + start.toEpochMilli() + ".csv");
            EnergySampleLog log = new EnergySampleLog(energyLog);
            this.sampler = new EnergySampler(List.of(meters), log, clock, settings.sampleInterval());
        } catch (IOException e) {
            process.destroyForcibly();
            throw new TrainingFailure("cannot open the energy log in " + workDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void requestPause() {
        try {
            Files.writeString(workDir.resolve(TrainMain.PAUSE_FILE), "pause requested at " + clock.instant());
        } catch (IOException e) {
            throw new TrainingFailure("cannot ask job in " + workDir + " to pause: " + e.getMessage(), e);
        }
    }

    @Override
    public Path energyLog() {
        return energyLog;
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public synchronized TrainingOutcome awaitExit() {
        if (outcome != null) {
            return outcome;
        }
        int code;
        try {
            code = process.waitFor();
            output.awaitDrained(Duration.ofSeconds(10)); // its last lines, where a failure or the final loss is
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailure("interrupted while waiting for training pid " + pid(), e);
        }
        ChildResult result = ChildResult.read(workDir);
        Instant end = clock.instant();
        List<EnergySample> samples = sampler.finish(end, meters.readFinal(end, result == null ? 0 : result.cpuSeconds()));
        try {
            sampler.close();
        } catch (IOException ignored) {
            // The samples are already on disk and in memory.
        }
        meters.close();
        EnergyReport energy = new EnergyReport(start, end, node.name(), meters.devices(), node.pue(), node.pueKnown(),
                EnergyBinner.bin(samples, binStep));
        // The log stays unreported until the ledger holds its energy: the runner marks it once written.
        outcome = withEnergyNotes(outcome(code, result, energy));
        return outcome;
    }

    private TrainingOutcome outcome(int code, ChildResult result, EnergyReport energy) {
        String backend = result == null ? null : result.backend();
        String summary = result == null ? null : result.summary();
        if (code == TrainMain.EXIT_COMPLETED && result != null && result.status().equals("COMPLETED")) {
            return new TrainingOutcome(TrainingOutcome.Status.COMPLETED, result.message() + ": " + summary,
                    Path.of(result.modelFile()), energy, result.probe(), backend, summary);
        }
        if (code == TrainMain.EXIT_PAUSED && result != null && result.status().equals("PAUSED")) {
            return new TrainingOutcome(TrainingOutcome.Status.PAUSED, result.message(), null, energy, null, backend,
                    summary);
        }
        // The reason is stored and shown to users: it names the log, never quotes it (a stack trace may carry a
        // line of a user's file or of the environment).
        String why = result != null && result.status().equals("FAILED") ? result.message()
                : (code == 137 || code == 9 ? "the training JVM was killed (exit " + code + ")"
                : "the training JVM exited with code " + code) + "; its log is " + stderr;
        return new TrainingOutcome(TrainingOutcome.Status.FAILED, why, null, energy, null, backend, summary);
    }

    /** Why the energy is what it is (RAPL unreadable, NVML absent, a failed sample): part of every outcome. */
    private TrainingOutcome withEnergyNotes(TrainingOutcome o) {
        List<String> notes = new java.util.ArrayList<>(meters.notes());
        if (sampler.lastError() != null) {
            notes.add("a meter failed: " + sampler.lastError());
        }
        if (notes.isEmpty()) {
            return o;
        }
        String message = o.message() + "\nenergy: " + String.join("; ", notes);
        return new TrainingOutcome(o.status(), message, o.modelFile(), o.energy(), o.probe(), o.backend(),
                o.summary());
    }
}
