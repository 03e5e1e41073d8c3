package io.greenwindow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The greenwindow command line: the service itself and the commands that talk to it. */
@Command(name = "greenwindow", mixinStandardHelpOptions = true, version = "greenwindow 0.1.0",
        description = "Holds Deeplearning4j training jobs for low-carbon grid windows, measures their energy and "
                + "keeps a carbon ledger.",
        subcommands = {
                ServeCommand.class,
                SubmitCommand.class,
                JobsCommand.class,
                JobCommand.class,
                LogsCommand.class,
                CancelCommand.class,
                NodeCommand.class,
                LedgerCommand.class,
                ForecastCommand.class,
                AdaptersCommand.class,
                PolicyCommand.class,
                TokenCommand.class,
                SimulateCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code; user errors print one sentence, never a stack trace. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException || e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            commandLine.getErr().println("error: " + e + " (this is a bug; please report it with the command you ran)");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
