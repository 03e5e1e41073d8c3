package io.greenwindow.executor.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * The batch script of a greenwindow Slurm job. The trainer's JVMs start with SIGTERM ignored (inherited through
 * exec; the JVM leaves an ignored TERM alone), so a TERM from Slurm (requeuehold, scancel, preemption, the time
 * limit) reaches only the script, whose trap asks the trainer, through its pause file, to checkpoint at the next
 * batch and exit; the script then exits with the trainer's code. Slurm's KillWait is the time it has to do so.
 */
final class BatchScript {

    private BatchScript() {
    }

    static String render(String jobId, Path workDir, Path modelsDir, SlurmSettings settings, String zone,
            Double pue, int ompThreads, long maxPhysicalBytes, int binMinutes) {
        List<String> args = List.of("--job", jobId, "--work", workDir.toString(), "--models", modelsDir.toString(),
                "--zone", zone, "--pue", pue == null ? "" : pue.toString(), "--omp", Integer.toString(ompThreads),
                "--max-bytes", Long.toString(maxPhysicalBytes), "--bin-minutes", Integer.toString(binMinutes));
        StringBuilder line = new StringBuilder("\"$JAVA\" -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            line.append(" -Dorg.bytedeco.javacpp.cachedir=").append(quote(cache));
        }
        line.append(" -cp ").append(quote(settings.classpath())).append(' ').append(SlurmSegmentMain.class.getName());
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        return """
                #!/bin/bash
                # greenwindow job %1$s: trains on the node Slurm allocated; checkpoints and energy in %2$s
                WORK=%2$s
                JAVA=%3$s
                if [ ! -x "$JAVA" ]; then
                  echo "greenwindow: no java at $JAVA on node $(hostname -s)" >&2
                  exit 1
                fi
                if [ ! -f "$WORK/document.json" ]; then
                  echo "greenwindow: job folder $WORK is not visible on node $(hostname -s) (GREENWINDOW_SHARED_DIR must be shared)" >&2
                  exit 1
                fi
                trap 'echo "greenwindow: TERM from Slurm at $(date -u +%%FT%%TZ): asking the trainer to checkpoint"; date > "$WORK/pause.request"' TERM
                ( trap '' TERM; exec %4$s ) &
                child=$!
                rc=0
                while :; do
                  wait "$child"; rc=$?
                  kill -0 "$child" 2>/dev/null || break
                done
                if [ "$rc" -gt 128 ]; then
                  wait "$child" 2>/dev/null; late=$?
                  [ "$late" -ne 127 ] && rc=$late
                fi
                exit "$rc"
                """.formatted(jobId, quote(workDir.toString()), quote(settings.java()), line);
    }

    /** Single-quoted for bash, so no path or argument is ever split or expanded. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
