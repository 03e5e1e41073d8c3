package io.greenwindow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.grid.SettableClock;
import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.service.NodeLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a user runs it: its own JVM, started in a folder. Beside the service's data folder it finds
 * ./data/admin-token; elsewhere it needs --token or GREENWINDOW_TOKEN. Tokens made, listed and revoked with it.
 */
class TokenCommandTest {

    @TempDir
    static Path home;
    @TempDir
    static Path elsewhere;

    static Greenwindow service;
    static String url;

    @BeforeAll
    static void start() {
        ServerConfig config = new ServerConfig(0, home.resolve("data"), null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        service = Greenwindow.start(config, SettableClock.at("2026-03-02T06:00:00Z"));
        url = "http://localhost:" + service.port();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    record Run(int code, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    static Run cli(Path dir, Map<String, String> env, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.greenwindow.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove(CliToken.ENV);
        pb.environment().remove("GREENWINDOW_SERVER");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish: " + String.join(" ", args));
        }
        Run run = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    static int status(String token, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void besideTheDataFolder_theCliUsesTheFirstStartAdminToken() throws Exception {
        Run jobs = cli(home, Map.of(), "jobs", "--server", url);

        assertThat(jobs.code()).as(jobs.err()).isZero();
        assertThat(jobs.out()).contains("no jobs yet");
    }

    @Test
    void elsewhere_withoutAToken_theCliSaysHowToGiveOne() throws Exception {
        Run jobs = cli(elsewhere, Map.of(), "jobs", "--server", url);

        assertThat(jobs.code()).isEqualTo(1);
        assertThat(jobs.err()).startsWith("error: Sign in").contains("--token").contains("GREENWINDOW_TOKEN")
                .doesNotContain("Exception");
    }

    @Test
    void tokenCreateListRevoke_roundTrip_andTheTokenWorksFromOptionAndEnvironment() throws Exception {
        Run made = cli(home, Map.of(), "token", "create", "--role", "engineer", "--team", "vision", "--team", "nlp",
                "--name", "ella", "--expires", "P30D", "--server", url);
        assertThat(made.code()).as(made.err()).isZero();
        String token = made.lastLine();
        assertThat(token).startsWith("gw_").doesNotContain(" ");
        assertThat(made.out()).contains("token 'ella' (engineer of nlp,vision), expires 2026-04-01 06:00");

        assertThat(cli(elsewhere, Map.of(), "jobs", "--server", url, "--token", token).code()).isZero();
        assertThat(cli(elsewhere, Map.of(CliToken.ENV, token), "jobs", "--server", url).code()).isZero();
        // An engineer may not make tokens: the CLI shows the service's sentence.
        Run refused = cli(elsewhere, Map.of(CliToken.ENV, token), "token", "list", "--server", url);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("this needs role admin");

        Run list = cli(home, Map.of(), "token", "list", "--server", url);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("ella").contains("engineer").contains("nlp,vision")
                .contains("active (made by admin (admin))").doesNotContain(token).doesNotContain("gw_");

        Run revoked = cli(home, Map.of(), "token", "revoke", "ella", "--server", url);
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("token 'ella' revoked at 2026-03-02 06:00Z by admin (admin)");
        assertThat(status(token, "/api/jobs")).isEqualTo(401);
        assertThat(cli(home, Map.of(), "token", "list", "--server", url).out()).contains("revoked 2026-03-02 06:00Z by admin (admin)");
    }
}
