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
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Report.class})
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
            description = "table (default), json, csv or codecarbon (CodeCarbon's emissions.csv columns, then ours).")
    String format;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        String chosen = json ? "json" : format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "json", "csv", "codecarbon").contains(chosen)) {
            throw new CliException("--format: '" + format + "' is not one of table, json, csv, codecarbon");
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
            description = "Check the ledger's hash chain; names every edited or deleted entry.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOption server;

        @ParentCommand
        LedgerCommand parent;

        @Override
        public Integer call() {
            VerifyResult result = read(new ServerClient(server(server, parent), token(server, parent)).get("/api/ledger/verify"), new TypeReference<>() { });
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
