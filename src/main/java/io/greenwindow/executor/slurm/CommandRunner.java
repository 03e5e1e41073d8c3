package io.greenwindow.executor.slurm;

import java.time.Duration;
import java.util.List;

/** Runs one client command (sbatch, squeue, scontrol, scancel, sinfo) to its end or its timeout. */
public interface CommandRunner {

    /** What a command printed and how it ended; {@code exitCode} is -1 when it ran past its timeout. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> command, String stdin, Duration timeout);
}
