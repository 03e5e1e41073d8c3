package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenwindow adapters}: the service's grid adapters, their health, last success and last error. */
@Command(name = "adapters", mixinStandardHelpOptions = true,
        description = "List the service's grid adapters with health, last success, last error and requests used.")
public final class AdaptersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOption server;

    @Option(names = "--json", description = "Print the service's JSON as it is.")
    boolean json;

    @Override
    public Integer call() {
        String body = server.client().get("/api/adapters");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
            out.flush();
            return 0;
        }
        JsonNode adapters;
        try {
            adapters = JsonMapping.json().readTree(body);
        } catch (IOException e) {
            throw new CliException("The service answered /api/adapters with something that is not JSON: " + e.getMessage());
        }
        if (!adapters.isArray()) {
            throw new CliException("The service answered /api/adapters with JSON that is not a list of adapters");
        }
        out.printf("%-18s %-16s %-8s %-26s %-20s %-12s %s%n", "NAME", "KIND", "HEALTH", "ZONES", "LAST SUCCESS",
                "REQUESTS", "LAST ERROR");
        for (JsonNode a : adapters) {
            List<String> zones = new ArrayList<>();
            a.path("zones").forEach(z -> zones.add(z.asText()));
            String requests = a.path("requestsUsed").asText("0")
                    + (a.path("requestBudget").isNumber() ? "/" + a.path("requestBudget").asText() : "");
            out.printf("%-18s %-16s %-8s %-26s %-20s %-12s %s%n", a.path("name").asText(), a.path("kind").asText(),
                    a.path("health").asText(), String.join(",", zones), text(a.path("lastSuccess")), requests,
                    text(a.path("lastError")) + failuresInARow(a));
            String circuit = a.path("circuit").asText("CLOSED");
            if (!circuit.equals("CLOSED")) {
                out.printf("%-18s circuit %s%s%n", "", circuit,
                        a.path("openUntil").isTextual() ? " until " + a.path("openUntil").asText() : "");
            }
            if (a.path("notBefore").isTextual()) {
                out.printf("%-18s no call before %s (the provider's Retry-After)%n", "", a.path("notBefore").asText());
            }
            if (a.path("lastFallback").isTextual()) {
                out.printf("%-18s last fallback %s: %s%n", "", text(a.path("lastFallbackAt")), a.path("lastFallback").asText());
            }
        }
        out.flush();
        return 0;
    }

    private static String failuresInARow(JsonNode a) {
        int n = a.path("consecutiveFailures").asInt(0);
        return n > 1 ? " (" + n + " failures in a row)" : "";
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }
}
