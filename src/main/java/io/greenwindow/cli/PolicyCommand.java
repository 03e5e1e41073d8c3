package io.greenwindow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greenwindow policy}: show and change the admins' planning policies through the service's API. Every
 * change publishes a new version; plans name the version that decided them.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Show or change planning policies (versioned).",
        subcommands = {PolicyCommand.Show.class, PolicyCommand.History.class, PolicyCommand.Set.class})
public final class PolicyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(new ServerClient(null).get("/api/policies"));
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The current version of a policy.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", defaultValue = "default", description = "Policy name (default ${DEFAULT-VALUE}).")
        String name;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() {
            System.out.println(server.client().get("/api/policies/" + name));
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every version of a policy, oldest first, with when and by whom it was published.")
    static final class History implements Callable<Integer> {
        @Parameters(index = "0", description = "Policy name.")
        String name;

        @Option(names = "--json", description = "Print JSON")
        boolean json;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws IOException {
            String body = server.client().get("/api/policies/" + name + "/versions");
            if (json) {
                System.out.println(body);
                return 0;
            }
            for (com.fasterxml.jackson.databind.JsonNode v : new com.fasterxml.jackson.databind.ObjectMapper().readTree(body)) {
                System.out.printf("%s@%d  %s  by %s  %s%n", v.path("name").asText(), v.path("version").asInt(),
                        Text.minute(v.path("createdAt").asText()), v.path("author").asText("unknown"), v.path("rules"));
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Publish new rules for a policy from a JSON file, e.g. {\"absoluteThresholdGPerKwh\": 100, \"maxDelay\": \"PT12H\", \"minSavingToHold\": 0.05}.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", description = "Policy name: 'default', or a team's name to give that team its own policy.")
        String name;

        @Parameters(index = "1", description = "JSON file with the rules to change; the others take their defaults.")
        Path file;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() {
            String body;
            try {
                body = Files.readString(file);
            } catch (IOException e) {
                throw new CliException("Cannot read policy rules from " + file + ": " + e.getMessage());
            }
            System.out.println(server.client().post("/api/policies/" + name, "application/json", body));
            return 0;
        }
    }
}
