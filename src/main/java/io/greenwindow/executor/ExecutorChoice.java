package io.greenwindow.executor;

import io.greenwindow.db.Database;
import io.greenwindow.executor.slurm.ProcessCommandRunner;
import io.greenwindow.executor.slurm.SlurmClient;
import io.greenwindow.executor.slurm.SlurmExecutor;
import io.greenwindow.executor.slurm.SlurmSettings;
import io.greenwindow.job.JobRepository;
import io.greenwindow.ledger.Ledger;
import io.greenwindow.node.NodeProfile;
import io.greenwindow.service.JobRunner;
import io.greenwindow.service.NodeLimits;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** GREENWINDOW_EXECUTOR: {@code local} (default: child JVMs on this node) or {@code slurm} (a Slurm cluster). */
public final class ExecutorChoice {

    private ExecutorChoice() {
    }

    /**
     * @param local builds the local runtime; called only when it is the choice
     * @param pue the configured PUE, handed to the trainer on the cluster's nodes (null: unknown)
     */
    public static Executor fromEnvironment(Map<String, String> env, Supplier<JobRunner> local, NodeProfile node,
            Database database, JobRepository jobs, Ledger ledger, NodeLimits limits, Double pue, Clock clock) {
        String kind = env.getOrDefault("GREENWINDOW_EXECUTOR", "local").trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "", "local" -> new LocalExecutor(local.get(), node);
            case "slurm" -> {
                SlurmSettings settings = SlurmSettings.fromEnvironment(env);
                yield new SlurmExecutor(database, jobs, ledger, new SlurmClient(new ProcessCommandRunner(settings.environment())),
                        settings, limits, node.name(), node.zone(), pue, clock).startPolling();
            }
            default -> throw new IllegalArgumentException("GREENWINDOW_EXECUTOR '" + kind
                    + "' is not known: use local or slurm");
        };
    }
}
