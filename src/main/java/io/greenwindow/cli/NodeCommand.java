package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Shows the service's node: zone, CPU cores, GPUs found by NVML (and whether ND4J's CUDA build can use them), PUE, power model.")
public final class NodeCommand implements Callable<Integer> {

    @Mixin
    ServerOption server;

    @Option(names = "--json", description = "Print JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        String body = server.client().get("/api/node");
        if (json) {
            System.out.println(body);
            return 0;
        }
        JsonNode node = JsonMapping.json().readTree(body);
        System.out.printf("node %s in zone %s: %d CPU cores, %.1f GiB memory%n", node.path("name").asText(),
                node.path("zone").asText(), node.path("cpuCores").asInt(), node.path("memoryBytes").asLong() / (double) (1L << 30));
        System.out.printf("PUE %s%n", node.path("pueKnown").asBoolean() ? node.path("pue").asText()
                : "unknown (1.0 assumed; set GREENWINDOW_PUE)");
        if (node.path("gpus").isEmpty()) {
            System.out.println("GPUs: none found (training runs on the ND4J CPU backend)");
        }
        for (JsonNode gpu : node.path("gpus")) {
            System.out.printf("GPU %d  %s  %s  sm_%d%d%n", gpu.path("index").asInt(), gpu.path("name").asText(),
                    gpu.path("uuid").asText(), gpu.path("ccMajor").asInt(), gpu.path("ccMinor").asInt());
        }
        for (JsonNode note : node.path("notes")) {
            // Library messages can run over several lines (JNA lists every path it tried): the first says it.
            System.out.println("note: " + note.asText().lines().findFirst().orElse("").replaceAll(":$", ""));
        }
        return 0;
    }
}
