package io.greenwindow.cli;

import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the greenwindow service: API, planner, release scheduler and a local node.",
                "Defaults: H2 database and job files in ./data, replay grid adapters (Electricity Maps 2023), zone DE.",
                "Environment: GREENWINDOW_DB_URL/_USER/_PASSWORD (PostgreSQL), GREENWINDOW_CLUSTERED, GREENWINDOW_ZONE,",
                "GREENWINDOW_NODE, GREENWINDOW_PUE, GREENWINDOW_CAPACITY; provider credentials as in grid-adapters/README.md."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "7070")
    int port;

    @Option(names = "--data", description = "Folder for the H2 database and job files (default ${DEFAULT-VALUE})",
            defaultValue = "data")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv(), port, data);
        Greenwindow service;
        try {
            service = Greenwindow.start(config, Clock.systemUTC());
        } catch (RuntimeException e) {
            throw new CliException("could not start: " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }));
        System.out.println("greenwindow is running on http://localhost:" + service.port()
                + "  (submit a job: greenwindow submit training-configs/iris-classifier.yaml; stop: Ctrl-C)");
        stopped.await();
        return 0;
    }
}
