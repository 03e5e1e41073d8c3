package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels a job that has not finished (a running one is stopped; its energy so far stays in the ledger).")
public final class CancelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        JsonNode job = JsonMapping.json().readTree(server.client().post("/api/jobs/" + id + "/cancel",
                "application/json", "{}"));
        System.out.printf("job %s %s: %s%n", job.path("id").asText(), job.path("state").asText(), Text.reason(job));
        return 0;
    }
}
