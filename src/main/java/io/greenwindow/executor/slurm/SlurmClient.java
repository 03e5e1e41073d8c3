package io.greenwindow.executor.slurm;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slurm through its documented client commands, machine-readable where they offer it: {@code sbatch --parsable},
 * {@code squeue --json}, {@code sinfo -o}, {@code scontrol update/release/requeuehold}, {@code scancel}. Every call
 * has a timeout; a failure is a {@link SlurmException} carrying what the command said.
 */
public final class SlurmClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapping.json();
    private static final Pattern GPU_GRES = Pattern.compile("gpu(?::[A-Za-z0-9_.-]+)?:(\\d+)");

    private final CommandRunner runner;
    private final String user;

    /** A client whose own jobs are those of the user this JVM runs as (sbatch submits them as that user). */
    public SlurmClient(CommandRunner runner) {
        this(runner, System.getProperty("user.name"));
    }

    /** @param user the Slurm user whose jobs are this service's own: other users' jobs are never followed */
    public SlurmClient(CommandRunner runner, String user) {
        this.runner = runner;
        this.user = user;
    }

    /** What one sbatch asks for; {@code beginSecondsFromNow} is Slurm's own clock's "now+N". */
    public record Submission(String name, String comment, String partition, String account, String qos, int gpus,
            int cpus, long memoryMb, long timeLimitMinutes, long beginSecondsFromNow, String workDir,
            String outputFile, String script) {
    }

    /** @return the Slurm job id */
    public String submit(Submission s) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + s.name(),
                "--comment=" + s.comment(), "--requeue", "--nodes=1", "--ntasks=1", "--cpus-per-task=" + s.cpus(),
                "--mem=" + s.memoryMb(), "--time=" + s.timeLimitMinutes(), "--begin=now+" + Math.max(0, s.beginSecondsFromNow()),
                "--chdir=" + s.workDir(), "--output=" + s.outputFile(), "--open-mode=append"));
        if (s.gpus() > 0) {
            cmd.add("--gres=gpu:" + s.gpus());
        }
        if (s.partition() != null) {
            cmd.add("--partition=" + s.partition());
        }
        if (s.account() != null) {
            cmd.add("--account=" + s.account());
        }
        if (s.qos() != null) {
            cmd.add("--qos=" + s.qos());
        }
        CommandRunner.Result r = check(runner.run(cmd, s.script(), TIMEOUT), "sbatch");
        // --parsable prints "id" or "id;cluster".
        String id = r.stdout().trim().split(";")[0];
        if (!id.matches("\\d+")) {
            throw new SlurmException("sbatch printed '" + r.stdout().trim() + "' instead of a job id");
        }
        return id;
    }

    /** Moves when a pending job may start (Slurm keeps it pending with reason BeginTime until then). */
    public void setStart(String slurmId, long secondsFromNow) {
        String when = secondsFromNow <= 0 ? "now" : "now+" + secondsFromNow;
        check(runner.run(List.of("scontrol", "update", "JobId=" + slurmId, "StartTime=" + when), null, TIMEOUT),
                "scontrol update StartTime");
    }

    public void setComment(String slurmId, String comment) {
        check(runner.run(List.of("scontrol", "update", "JobId=" + slurmId, "Comment=" + comment), null, TIMEOUT),
                "scontrol update Comment");
    }

    /** Releases a held job; a job that is not held is left as it is. */
    public void release(String slurmId) {
        CommandRunner.Result r = runner.run(List.of("scontrol", "release", slurmId), null, TIMEOUT);
        if (!r.ok() && !r.stderr().contains("not held") && !r.stderr().contains("pending execution")
                && !r.stdout().contains("pending execution")) {
            check(r, "scontrol release");
        }
    }

    /** Requeues a running job held: Slurm sends TERM to its batch script, then KILL after KillWait. */
    public void requeueHold(String slurmId) {
        check(runner.run(List.of("scontrol", "requeuehold", slurmId), null, TIMEOUT), "scontrol requeuehold");
    }

    public void cancel(String slurmId) {
        check(runner.run(List.of("scancel", slurmId), null, TIMEOUT), "scancel");
    }

    /** Every job Slurm still knows (finished ones for MinJobAge), all users', from {@code squeue --json --states=all}. */
    public List<SlurmJob> jobs() {
        return read(List.of("squeue", "--json", "--states=all"));
    }

    /**
     * The jobs among {@code slurmIds} that are this service's user's own. Slurm 22.05's {@code squeue --json}
     * ignores every filter (--me, --jobs, --name: it prints the whole queue, checked on 22.05.8), so the filter is
     * applied here too; {@code --me} is still passed, for the releases that honour it.
     */
    public List<SlurmJob> mine(java.util.Collection<String> slurmIds) {
        java.util.Set<String> wanted = java.util.Set.copyOf(slurmIds);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return read(List.of("squeue", "--json", "--states=all", "--me")).stream()
                .filter(j -> user.equals(j.user()) && wanted.contains(j.id())).toList();
    }

    /** This user's jobs named {@code name} (another user's job of that name is never one of ours). */
    public List<SlurmJob> mineNamed(String name) {
        return read(List.of("squeue", "--json", "--states=all", "--me")).stream()
                .filter(j -> user.equals(j.user()) && name.equals(j.name())).toList();
    }

    private List<SlurmJob> read(List<String> command) {
        CommandRunner.Result r = check(runner.run(command, null, TIMEOUT), "squeue --json");
        try {
            List<SlurmJob> jobs = new ArrayList<>();
            for (JsonNode j : JSON.readTree(r.stdout()).path("jobs")) {
                jobs.add(job(j));
            }
            return jobs;
        } catch (IOException e) {
            throw new SlurmException("squeue --json printed something that is not JSON: " + e.getMessage());
        }
    }

    static SlurmJob job(JsonNode j) {
        String tres = j.path("tres_per_node").asText("") + "," + j.path("tres_per_job").asText("") + ","
                + j.path("tres_alloc_str").asText("");
        return new SlurmJob(j.path("job_id").asText(), j.path("name").asText(), j.path("job_state").asText(),
                j.path("state_reason").asText(), j.path("comment").asText(), exitCode(j.path("exit_code")),
                signal(j.path("exit_code")), j.path("restart_cnt").asInt(), j.path("nodes").asText(),
                j.path("user_name").asText(), j.path("cpus").asInt(), gpus(tres), j.path("standard_output").asText(),
                j.path("start_time").asLong(), j.path("time_limit").asLong(0));
    }

    /** 22.05 gives the wait status as a number (exit code in the high byte, signal in the low one). */
    private static int exitCode(JsonNode n) {
        if (n.isObject()) {
            return n.path("return_code").asInt();
        }
        return (n.asInt() >> 8) & 0xff;
    }

    private static int signal(JsonNode n) {
        if (n.isObject()) {
            return n.path("signal").path("signal_id").asInt();
        }
        return n.asInt() & 0x7f;
    }

    /** The GPUs in a TRES or gres string such as "gres:gpu:2", "gres/gpu=2" or "gpu:a100:4(S:0-1)". */
    static int gpus(String tres) {
        Matcher m = GPU_GRES.matcher(tres.replace("gres/gpu=", "gpu:"));
        int most = 0;
        while (m.find()) {
            most = Math.max(most, Integer.parseInt(m.group(1)));
        }
        return most;
    }

    /** One node of a partition as {@code sinfo -N -o '%N|%c|%G|%t'} prints it. */
    public record Node(String name, int cpus, int gpus, String state) {
        public boolean usable() {
            String s = state.toLowerCase(Locale.ROOT);
            return !(s.startsWith("down") || s.startsWith("drain") || s.startsWith("fail") || s.startsWith("inval")
                    || s.endsWith("*"));
        }
    }

    /** The nodes of {@code partition} (null: the default one). */
    public List<Node> nodes(String partition) {
        List<String> cmd = new ArrayList<>(List.of("sinfo", "--noheader", "--Node", "--format=%N|%c|%G|%t"));
        if (partition != null) {
            cmd.add("--partition=" + partition);
        } else {
            cmd.add("--partition=" + defaultPartition());
        }
        CommandRunner.Result r = check(runner.run(cmd, null, TIMEOUT), "sinfo");
        List<Node> nodes = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split("\\|");
            if (f.length == 4) {
                nodes.add(new Node(f[0], Integer.parseInt(f[1].trim()), gpus(f[2]), f[3].trim()));
            }
        }
        return nodes;
    }

    /** The partition sinfo marks with '*'. */
    String defaultPartition() {
        CommandRunner.Result r = check(runner.run(List.of("sinfo", "--noheader", "--format=%P"), null, TIMEOUT),
                "sinfo");
        for (String line : r.stdout().split("\n")) {
            if (line.trim().endsWith("*")) {
                return line.trim().substring(0, line.trim().length() - 1);
            }
        }
        throw new SlurmException("sinfo shows no default partition: set GREENWINDOW_SLURM_PARTITION");
    }

    private static CommandRunner.Result check(CommandRunner.Result r, String what) {
        if (!r.ok()) {
            String said = (r.stderr() + " " + r.stdout()).trim();
            throw new SlurmException(what + " failed (exit " + r.exitCode() + "): " + (said.isEmpty() ? "no message" : said));
        }
        return r;
    }
}
