package io.greenwindow.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerJson;
import io.greenwindow.ledger.LedgerTable;
import io.greenwindow.ledger.MonthlyReport;
import io.greenwindow.ledger.VerifyResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code greenwindow ledger}: reads the carbon ledger from the service. Nothing here can write to it. */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Show the carbon ledger: energy with how it was obtained, gCO2e, carbon saved by waiting, "
                + "projected inference and its break-even.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Report.class, LedgerCommand.WhatIf.class})
public final class LedgerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--team", description = "Only this team's entries.")
    String team;

    @Option(names = "--from", description = "Runs that ended at or after this date (2026-11-01) or instant.")
    String from;

    @Option(names = "--to", description = "Runs that ended before this date or instant.")
    String to;

    @Option(names = "--format", defaultValue = "table",
            description = "table (default), json, csv, codecarbon (CodeCarbon 3.3's emissions.csv columns only) or "
                    + "codecarbon-extended (CodeCarbon's columns, then ours).")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        String chosen = json ? "json" : format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv", "codecarbon", "codecarbon-extended").contains(chosen)) {
            throw new CliException("--format: '" + format + "' is not one of table, json, csv, codecarbon, "
                    + "codecarbon-extended");
        }
        String query = param("team", team) + param("from", from) + param("to", to)
                + param("format", chosen.equals("table") ? "json" : chosen);
        String body = server.client().get("/api/ledger" + (query.isEmpty() ? "" : "?" + query.substring(1)));
        PrintWriter out = spec.commandLine().getOut();
        if (chosen.equals("table")) {
            out.print(LedgerTable.entries(read(body, new TypeReference<List<LedgerEntry>>() { })));
        } else {
            out.print(body);
            if (!body.endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
        return 0;
    }

    /** {@code greenwindow ledger verify}: walks the hash chain; exit code 1 when an entry was edited or deleted. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the ledger's hash chain against the newest signed checkpoint (or --head); names "
                    + "every edited or deleted entry, removed newest entries, an emptied or rolled-back database.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOption server;

        @ParentCommand
        LedgerCommand parent;

        @Option(names = "--head", paramLabel = "SEQ:HASH",
                description = "Also check against a head written down earlier (from a report or an export).")
        String head;

        @Override
        public Integer call() {
            String query = head == null ? "" : "?head=" + encode(head);
            VerifyResult result = read(new ServerClient(server(server, parent), token(server, parent))
                    .get("/api/ledger/verify" + query), new TypeReference<>() { });
            PrintWriter out = spec.commandLine().getOut();
            out.println(result.summary());
            result.problems().forEach(p -> out.println("  entry " + p.seq() + ": " + p.problem()));
            out.flush();
            return result.intact() ? 0 : 1;
        }
    }

    /** {@code greenwindow ledger report}: a team's month, as text, or saved as an HTML page or CSV. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "A team's monthly report: printed, or saved with --out as .html (charts) or .csv.")
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--team", required = true, description = "The team.")
        String team;

        @Option(names = "--month", required = true, description = "The month, YYYY-MM (UTC).")
        String month;

        @Option(names = "--out", description = "Write the report to FILE.html or FILE.csv instead of printing it.")
        Path out;

        @Mixin
        ServerOption server;

        @ParentCommand
        LedgerCommand parent;

        @Override
        public Integer call() {
            ServerClient client = new ServerClient(server(server, parent), token(server, parent));
            String query = "?team=" + encode(team) + "&month=" + encode(month);
            PrintWriter console = spec.commandLine().getOut();
            if (out == null) {
                console.print(LedgerTable.monthly(read(client.get("/api/reports/monthly" + query), new TypeReference<MonthlyReport>() { })));
                console.flush();
                return 0;
            }
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            String body;
            if (name.endsWith(".html") || name.endsWith(".htm")) {
                body = client.get("/reports" + query);
            } else if (name.endsWith(".csv")) {
                body = client.get("/api/reports/monthly" + query + "&format=csv");
            } else {
                throw new CliException("--out: '" + out + "' must end in .html or .csv");
            }
            try {
                Files.writeString(out, body, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("--out: cannot write " + out + ": " + e.getMessage());
            }
            console.println("Wrote " + out);
            console.flush();
            return 0;
        }
    }

    /**
     * {@code greenwindow ledger whatif --job ID ...}: a trained model's inference over another deployment against
     * its training saving. Options left out keep what the job's spec says.
     */
    @Command(name = "whatif", mixinStandardHelpOptions = true,
            description = "What if a trained model served other requests per day, lifetime, answer length, zone or "
                    + "PUE: its inference energy and carbon, break-even and SCI per 1,000 requests against its "
                    + "training saving.")
    static final class WhatIf implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--job", required = true, description = "The finished job (its inference probe is used).")
        String job;

        @Option(names = "--requests-per-day", description = "Requests per day.")
        String requestsPerDay;

        @Option(names = "--days", description = "Deployment lifetime in days.")
        String lifetimeDays;

        @Option(names = "--tokens", description = "Answer length in tokens.")
        String tokens;

        @Option(names = "--words", description = "Answer length in words (with --tokens-per-word, default 1.33).")
        String words;

        @Option(names = "--tokens-per-word", description = "Tokens per word for --words.")
        String tokensPerWord;

        @Option(names = "--zone", description = "Deployment zone.")
        String zone;

        @Option(names = "--pue", description = "Deployment PUE.")
        String pue;

        @Option(names = "--preset", description = "Price answers at a published energy per response: chat-length, "
                + "reasoning-length or deepseek-r1-1000-words.")
        String preset;

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Mixin
        ServerOption server;

        @ParentCommand
        LedgerCommand parent;

        @Override
        public Integer call() {
            String query = "job=" + encode(job) + param("requestsPerDay", requestsPerDay)
                    + param("lifetimeDays", lifetimeDays) + param("tokens", tokens) + param("words", words)
                    + param("tokensPerWord", tokensPerWord) + param("zone", zone) + param("pue", pue)
                    + param("preset", preset);
            String body = new ServerClient(server(server, parent), token(server, parent)).get("/api/ledger/whatif?" + query);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? body + "\n" : LedgerTable.whatIf(read(body, new TypeReference<io.greenwindow.ledger.WhatIfAnswer>() { })));
            out.flush();
            return 0;
        }
    }

    /** {@code ledger --server URL verify} and {@code ledger verify --server URL} both work. */
    private static String server(ServerOption own, LedgerCommand parent) {
        return own.url != null || parent == null ? own.url : parent.server.url;
    }

    private static String token(ServerOption own, LedgerCommand parent) {
        return own.token != null || parent == null ? own.token : parent.server.token;
    }

    private static <T> T read(String body, TypeReference<T> type) {
        try {
            return LedgerJson.mapper().readValue(body, type);
        } catch (IOException e) {
            throw new CliException("The service answered something that is not a ledger: " + e.getMessage());
        }
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
