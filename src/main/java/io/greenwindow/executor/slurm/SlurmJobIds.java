package io.greenwindow.executor.slurm;

import io.greenwindow.service.WorkDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which Slurm job is a greenwindow job's: one small file in the job's shared folder, written atomically right
 * after sbatch, so a restarted service (or another one on the same shared folder) follows the same Slurm job.
 */
final class SlurmJobIds {

    private static final String FILE = "slurm-job-id";

    private final WorkDirs dirs;

    SlurmJobIds(WorkDirs dirs) {
        this.dirs = dirs;
    }

    Optional<String> of(String jobId) {
        Path f = file(jobId);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + f, e);
        }
    }

    void write(String jobId, String slurmId) {
        Path f = file(jobId);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, slurmId);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record Slurm job " + slurmId + " of job " + jobId, e);
        }
    }

    /** Forgets the Slurm job (it is gone for good): the next plan submits a new one. */
    void forget(String jobId) {
        try {
            Files.deleteIfExists(file(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot forget the Slurm job of job " + jobId, e);
        }
    }

    private Path file(String jobId) {
        return dirs.of(jobId).resolve(FILE);
    }
}
