package io.greenwindow.cli;

import io.greenwindow.json.JsonMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greenwindow token}: make, list and revoke bearer tokens through the service's API (admins only). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Create, list or revoke access tokens (admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Callable<Integer> {

    static final ObjectMapper JSON = JsonMapping.json();

    @Mixin
    ServerOption server;

    @Override
    public Integer call() throws IOException {
        return ListTokens.print(server.client());
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Makes a token and prints it alone on the last line; it is shown this once and stored nowhere.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "engineer, sustainability, admin or metrics (reads /metrics only)")
        String role;

        @Option(names = "--team", paramLabel = "T", description = "A team the engineer submits and reads for (repeat for several).")
        List<String> teams = new ArrayList<>();

        @Option(names = "--name", paramLabel = "N", description = "A name for the audit (default: role and a random suffix).")
        String name;

        @Option(names = "--expires", paramLabel = "P30D", description = "Lifetime as an ISO-8601 duration (default: never expires).")
        String expires;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws IOException {
            ObjectNode request = JSON.createObjectNode().put("role", role);
            teams.forEach(request.putArray("teams")::add);
            if (teams.isEmpty()) {
                request.putArray("teams");
            }
            if (name != null) {
                request.put("name", name);
            }
            if (expires != null) {
                request.put("expires", expires);
            }
            JsonNode made = JSON.readTree(server.client().post("/api/tokens", "application/json", request.toString()));
            System.out.printf("token '%s' (%s%s), expires %s; keep it secret, it is not shown again:%n",
                    made.path("name").asText(), made.path("role").asText(), teamsText(made),
                    made.path("expiresAt").isNull() ? "never" : Text.minute(made.path("expiresAt").asText()));
            System.out.println(made.path("token").asText());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every token with its role, creator and state; never a secret.")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws IOException {
            return print(server.client());
        }

        static int print(ServerClient client) throws IOException {
            JsonNode tokens = JSON.readTree(client.get("/api/tokens"));
            System.out.printf("%-20s  %-14s  %-16s  %-17s  %-17s  %s%n", "NAME", "ROLE", "TEAMS", "CREATED", "EXPIRES", "STATE");
            for (JsonNode t : tokens) {
                String state = t.path("revokedAt").isNull() ? "active (made by " + t.path("createdBy").asText() + ")"
                        : "revoked " + Text.minute(t.path("revokedAt").asText()) + " by " + t.path("revokedBy").asText();
                System.out.printf("%-20s  %-14s  %-16s  %-17s  %-17s  %s%n", t.path("name").asText(),
                        t.path("role").asText(), Text.cut(join(t.path("teams")), 16),
                        Text.minute(t.path("createdAt").asText()),
                        t.path("expiresAt").isNull() ? "never" : Text.minute(t.path("expiresAt").asText()), state);
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token from now on.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        ServerOption server;

        @Override
        public Integer call() throws IOException {
            JsonNode t = JSON.readTree(server.client().post("/api/tokens/" + name + "/revoke", "application/json", "{}"));
            System.out.printf("token '%s' revoked at %s by %s%n", t.path("name").asText(),
                    Text.minute(t.path("revokedAt").asText()), t.path("revokedBy").asText());
            return 0;
        }
    }

    private static String teamsText(JsonNode t) {
        return t.path("teams").isEmpty() ? "" : " of " + join(t.path("teams"));
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return String.join(",", out);
    }
}
