package io.greenwindow.executor.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why Slurm stopped a job it then requeued, as slurmstepd writes it into the job's output file (squeue shows a
 * requeued job only as PENDING with a restart count): {@code slurmstepd-vm: error: *** JOB 5 ON vm CANCELLED AT
 * 2026-12-07T15:51:02 DUE TO PREEMPTION ***}, or {@code DUE TO NODE FAILURE, SEE SLURMCTLD LOG FOR DETAILS}, or
 * {@code DUE TO TIME LIMIT} (lines recorded from Slurm 22.05.8 on this project's one-node cluster).
 *
 * @param cause {@code PREEMPTION}, {@code NODE FAILURE}, {@code TIME LIMIT}, ... as Slurm words it
 */
record InterruptionNotice(String slurmJobId, String node, String at, String cause) {

    private static final Pattern LINE = Pattern.compile(
            "\\*\\*\\* JOB (\\d+) ON (\\S+) CANCELLED AT (\\S+) DUE TO ([A-Z][A-Z _]*[A-Z])(?:,[^*]*)? \\*\\*\\*");

    boolean isPreemption() {
        return cause.equals("PREEMPTION");
    }

    boolean isNodeFailure() {
        return cause.equals("NODE FAILURE");
    }

    /** The newest such line about Slurm job {@code slurmJobId} in {@code text}, if any. */
    static Optional<InterruptionNotice> newest(String text, String slurmJobId) {
        Matcher m = LINE.matcher(text);
        InterruptionNotice found = null;
        while (m.find()) {
            if (m.group(1).equals(slurmJobId)) {
                found = new InterruptionNotice(m.group(1), m.group(2), m.group(3), m.group(4));
            }
        }
        return Optional.ofNullable(found);
    }

    /** The newest notice in the job's output file (appended over every run of the Slurm job). */
    static Optional<InterruptionNotice> newestIn(SlurmJob sj) {
        if (sj.standardOutput().isBlank()) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(sj.standardOutput().replace("%j", sj.id()));
            return Files.exists(file) ? newest(Files.readString(file, StandardCharsets.UTF_8), sj.id())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
