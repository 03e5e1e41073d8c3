package io.greenwindow.executor.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client's commands and how it reads Slurm's answers, with the commands answered by a recorder: the queue as
 * a real Slurm 22.05 printed it (src/test/resources/slurm/squeue-22.05.json, three jobs: one waiting for its
 * begin time with greenwindow's comment, one of another user that failed with exit 3, one running).
 */
class SlurmClientTest {

    /** Answers every command with one reply and keeps what it was asked. */
    static final class Recorder implements CommandRunner {
        final List<List<String>> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        Result reply;

        Recorder(Result reply) {
            this.reply = reply;
        }

        @Override
        public Result run(List<String> command, String stdin, Duration timeout) {
            commands.add(command);
            inputs.add(stdin);
            return reply;
        }
    }

    private static SlurmClient.Submission submission(int gpus, String partition) {
        return new SlurmClient.Submission("gw-abc", "held until 07:00 UTC", partition, null, "low", gpus, 1, 2048, 40,
                7198, "/shared/jobs/abc", "/shared/jobs/abc/slurm-%j.out", "#!/bin/bash\ntrue\n");
    }

    @Test
    void submit_asksForWhatTheJobNeeds_gpusOnlyWhenItHasAny_andReadsTheParsableId() {
        Recorder r = new Recorder(new CommandRunner.Result(0, "42;greenwindow-test\n", ""));
        SlurmClient client = new SlurmClient(r);

        assertThat(client.submit(submission(0, null))).isEqualTo("42");
        assertThat(client.submit(submission(2, "gpu"))).isEqualTo("42");

        assertThat(r.commands.get(0)).contains("sbatch", "--parsable", "--job-name=gw-abc",
                "--comment=held until 07:00 UTC", "--requeue", "--cpus-per-task=1", "--mem=2048", "--time=40",
                "--begin=now+7198", "--qos=low").noneMatch(a -> a.startsWith("--gres"))
                .noneMatch(a -> a.startsWith("--partition")).noneMatch(a -> a.startsWith("--account"));
        assertThat(r.commands.get(1)).contains("--gres=gpu:2", "--partition=gpu");
        assertThat(r.inputs.get(0)).startsWith("#!/bin/bash");
    }

    @Test
    void aCommandThatFails_isAnErrorThatSaysWhatSlurmSaid() {
        SlurmClient client = new SlurmClient(new Recorder(new CommandRunner.Result(1, "",
                "sbatch: error: Batch job submission failed: Requested node configuration is not available")));

        assertThatThrownBy(() -> client.submit(submission(3, null))).isInstanceOf(SlurmException.class)
                .hasMessage("sbatch failed (exit 1): sbatch: error: Batch job submission failed: Requested node "
                        + "configuration is not available");
        assertThatThrownBy(() -> new SlurmClient(new Recorder(new CommandRunner.Result(0, "Submitted batch job 7", "")))
                .submit(submission(0, null))).hasMessageContaining("instead of a job id");
    }

    @Test
    void queue_isReadFromSqueueJson() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/slurm/squeue-22.05.json"));
        Recorder r = new Recorder(new CommandRunner.Result(0, json, ""));

        List<SlurmJob> jobs = new SlurmClient(r).jobs();

        assertThat(r.commands.get(0)).containsExactly("squeue", "--json", "--states=all");
        assertThat(jobs).extracting(SlurmJob::id).containsExactlyInAnyOrder("1", "2", "3");
        SlurmJob held = jobs.stream().filter(j -> j.id().equals("1")).findFirst().orElseThrow();
        assertThat(held.name()).isEqualTo("gw-abc123");
        assertThat(held.isPending()).isTrue();
        assertThat(held.isHeld()).isFalse();
        assertThat(held.reason()).isEqualTo("BeginTime");
        assertThat(held.comment()).isEqualTo("held until 07:00 UTC: forecast 552 g/kWh vs 581 now");
        assertThat(held.gpus()).isEqualTo(1);
        // squeue printed exit_code 768 for "exit 3": the wait status, 3 << 8.
        SlurmJob failed = jobs.stream().filter(j -> j.id().equals("2")).findFirst().orElseThrow();
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.isFinished()).isTrue();
        SlurmJob running = jobs.stream().filter(j -> j.id().equals("3")).findFirst().orElseThrow();
        assertThat(running.isActive()).isTrue();
        assertThat(running.nodes()).isEqualTo("vm");
        assertThat(running.gpus()).isZero();
    }

    @Test
    void nodes_areReadFromSinfo_withTheirGpus() {
        Recorder r = new Recorder(new CommandRunner.Result(0, "n1|64|gpu:a100:4(S:0-1)|mix\nn2|32|(null)|idle\n"
                + "n3|64|gpu:8|down*\n", ""));

        List<SlurmClient.Node> nodes = new SlurmClient(r).nodes("gpu");

        assertThat(nodes).extracting(SlurmClient.Node::name, SlurmClient.Node::cpus, SlurmClient.Node::gpus,
                SlurmClient.Node::usable).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("n1", 64, 4, true),
                        org.assertj.core.groups.Tuple.tuple("n2", 32, 0, true),
                        org.assertj.core.groups.Tuple.tuple("n3", 64, 8, false));
        assertThat(r.commands.get(0)).contains("--partition=gpu");
    }

    @Test
    void batchScript_quotesEveryPathForBash() {
        assertThat(BatchScript.quote("/a b/it's")).isEqualTo("'/a b/it'\\''s'");
    }
}
