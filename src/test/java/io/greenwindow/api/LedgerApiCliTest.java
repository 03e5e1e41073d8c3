package io.greenwindow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.cli.LedgerCommand;
import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.ledger.SampleLedger;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code greenwindow ledger} against a real server serving the ledger API and the report page. */
class LedgerApiCliTest {

    private Database db;
    private Javalin app;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        db = TestDatabases.h2();
        var ledger = SampleLedger.populate(db);
        app = Javalin.create(config -> {
            LedgerApi.register(config.routes, ledger);
            io.greenwindow.web.ReportPage.register(config.routes, ledger);
        }).start(0);
    }

    @AfterEach
    void stop() {
        app.stop();
        db.close();
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new LedgerCommand());
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println(e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    private String server() {
        return "http://localhost:" + app.port();
    }

    @Test
    void ledger_tableFormat_printsEntriesWithMethodAndBreakEven() {
        int code = run("--server", server(), "--team", "vision");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("SEQ").contains("measured (NVML) + estimated (model)")
                .contains("Inference emits more than waiting saved").doesNotContain("job-3");
    }

    @Test
    void ledger_jsonFlag_printsTheApisJson() {
        int code = run("--server", server(), "--json", "--team", "nlp");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("[").contains("\"jobId\":\"job-3\"");
    }

    @Test
    void ledger_badFormat_failsWithOneSentence() {
        int code = run("--server", server(), "--format", "xml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--format: 'xml' is not one of");
    }

    @Test
    void verify_untouchedThenTampered_exitsZeroThenOne() {
        assertThat(run("--server", server(), "verify")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Ledger intact: 4 entries");

        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.execute("DROP TRIGGER ledger_entry_append_only");
        jdbc.execute("UPDATE ledger_entry SET team = 'nlp' WHERE seq = 3");

        assertThat(run("--server", server(), "verify")).isEqualTo(1);
        assertThat(out.toString()).contains("Ledger tampered").contains("entry 3:");
    }

    @Test
    void verifyHead_newestEntryDeletedAfterTheLeadWroteTheHeadDown_exitsOne() {
        // The head from a report: entry 4 of the sample ledger.
        String head = new io.greenwindow.ledger.JdbcLedgerRepository(db).newestRow().map(r -> r.seq() + ":" + r.hash())
                .orElseThrow();
        assertThat(run("--server", server(), "verify", "--head", head)).as(err.toString()).isZero();

        Jdbc jdbc = new Jdbc(db.dataSource());
        jdbc.execute("DROP TRIGGER ledger_entry_append_only");
        jdbc.execute("DELETE FROM ledger_entry WHERE seq = 4");

        assertThat(run("--server", server(), "verify", "--head", head)).isEqualTo(1);
        assertThat(out.toString()).contains("Entry 4 is missing, though the head you gave (4:");
    }

    @Test
    void report_outHtmlAndCsv_writesFiles(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("vision.html");
        Path csv = dir.resolve("vision.csv");

        assertThat(run("--server", server(), "report", "--team", "vision", "--month", "2026-11", "--out", html.toString())).isZero();
        assertThat(run("--server", server(), "report", "--team", "vision", "--month", "2026-11", "--out", csv.toString())).isZero();
        assertThat(run("--server", server(), "report", "--team", "vision", "--month", "2026-11")).isZero();

        assertThat(Files.readString(html)).contains("<svg").contains("team vision");
        assertThat(Files.readString(csv)).startsWith("team,month,seq,job_id").contains("TOTAL");
        assertThat(out.toString()).contains("inventory  216 gCO2e").contains("budget     21.6% used of 1.00 kgCO2e");
    }

    @Test
    void ledgerWhatIf_reasoningAnswersAt50000ADay_printsTheVerdictAndItsMethod() {
        int code = run("--server", server(), "whatif", "--job", "job-1", "--requests-per-day", "50000",
                "--tokens", "6988");

        // 0.5 J x 6,988 x 1.2 at 60 g/kWh = 0.06988 g an answer; 264 g saved / 0.06988 = 3,778 requests.
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Yes: answers of 6,988 tokens (3,494 J each) at 50,000 requests a day")
                .contains("after 3,778 requests").contains("per answer 3,494 J for 6,988 tokens: this model's probe")
                .contains("vs reasoning-length (6,988 tokens, 4,625 J");
    }

    @Test
    void ledgerWhatIf_badNumber_failsWithTheFieldNamed() {
        int code = run("--server", server(), "whatif", "--job", "job-1", "--tokens", "many");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("tokens: 'many' is not a whole number");
    }
}
