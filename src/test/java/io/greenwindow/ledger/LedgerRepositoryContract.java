package io.greenwindow.ledger;

import static io.greenwindow.ledger.LedgerAccountingTest.T0;
import static io.greenwindow.ledger.LedgerAccountingTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.DatabaseException;
import io.greenwindow.db.Jdbc;
import io.greenwindow.energy.EnergyReport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's storage contract, run on H2 and on a real PostgreSQL by the two subclasses. */
abstract class LedgerRepositoryContract {

    static final Instant NOW = Instant.parse("2026-11-03T10:15:30.123456789Z");

    private Database db;
    private Jdbc jdbc;
    private HandMadeSignals signals;
    private Ledger ledger;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
        jdbc = new Jdbc(db.dataSource());
        signals = new HandMadeSignals().hourly("DE", T0, 400, 100, 300, 200);
        ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private LedgerEntry segment(String job, String team, int index, String from, String to) {
        EnergyReport energy = Energy.report().bin(at(from), at(to), 0.2, 0.1).build();
        return ledger.recordSegment(new SegmentRecord(job, job + "-name", team, "DE", index, T0, energy));
    }

    @Test
    void append_threeEntries_chainsEachToThePreviousAndVerifies() {
        LedgerEntry a = segment("job-a", "vision", 0, "00:00", "00:30");
        LedgerEntry b = segment("job-a", "vision", 1, "01:00", "01:30");
        LedgerEntry c = segment("job-b", "nlp", 0, "02:00", "02:30");

        assertThat(a.prevHash()).isEqualTo(LedgerChain.GENESIS);
        assertThat(b.prevHash()).isEqualTo(a.hash());
        assertThat(c.prevHash()).isEqualTo(b.hash());
        VerifyResult result = ledger.verify();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(3);
        assertThat(result.headHash()).isEqualTo(c.hash());
    }

    @Test
    void entries_readBack_equalWhatWasWritten() {
        LedgerEntry written = segment("job-a", "vision", 0, "01:30", "02:30");

        LedgerEntry read = ledger.entries(LedgerQuery.ALL).get(0);

        assertThat(read.recordedAt()).isEqualTo(Instant.parse("2026-11-03T10:15:30.123Z"));
        assertThat(read.content()).isEqualTo(written.content());
        assertThat(read.hash()).isEqualTo(written.hash());
    }

    @Test
    void entries_byTeamAndPeriod_returnOnlyMatchingRunsInChainOrder() {
        segment("job-a", "vision", 0, "00:00", "00:30");
        segment("job-b", "nlp", 0, "01:00", "01:30");
        segment("job-c", "vision", 0, "02:00", "02:30");

        List<LedgerEntry> vision = ledger.entries(new LedgerQuery("vision", null, null));
        List<LedgerEntry> late = ledger.entries(new LedgerQuery(null, at("01:00"), at("03:00")));

        assertThat(vision).extracting(e -> e.content().jobId()).containsExactly("job-a", "job-c");
        assertThat(late).extracting(e -> e.content().jobId()).containsExactly("job-b", "job-c");
    }

    @Test
    void update_orDelete_isRefusedByTheDatabase() {
        segment("job-a", "vision", 0, "00:00", "00:30");

        assertThatThrownBy(() -> jdbc.execute("UPDATE ledger_entry SET team = 'other' WHERE seq = 1"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("DELETE FROM ledger_entry WHERE seq = 1"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("append-only");
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void verify_afterAnAdminEditsARow_namesTheEditedEntry() {
        segment("job-a", "vision", 0, "00:00", "00:30");
        segment("job-a", "vision", 1, "01:00", "01:30");
        segment("job-a", "vision", 2, "02:00", "02:30");

        // Someone with the rights to lift the trigger halves the energy of entry 2.
        withoutAppendOnlyTrigger(() -> jdbc.execute(
                "UPDATE ledger_entry SET content = REPLACE(content, '\"itKwh\":0.30000000000000004', '\"itKwh\":0.15') WHERE seq = 2"));

        VerifyResult result = ledger.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).hasSize(1);
        assertThat(result.problems().get(0).seq()).isEqualTo(2);
        assertThat(result.summary()).contains("entry 2").contains("edited");
    }

    @Test
    void verify_afterAnAdminDeletesARow_namesTheGap() {
        segment("job-a", "vision", 0, "00:00", "00:30");
        segment("job-a", "vision", 1, "01:00", "01:30");
        segment("job-a", "vision", 2, "02:00", "02:30");

        withoutAppendOnlyTrigger(() -> jdbc.execute("DELETE FROM ledger_entry WHERE seq = 2"));

        VerifyResult result = ledger.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.problems().get(0).seq()).isEqualTo(2);
        assertThat(result.problems().get(0).problem()).contains("Entry 2 is missing").contains("deleted");
    }

    @Test
    void verify_anchored_newestEntryDeleted_isFoundAgainstTheSignedCheckpoint(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path data) {
        ledger = new Ledger(db, signals, Clock.fixed(NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT,
                LedgerAnchor.inDirectory(data));
        segment("job-a", "vision", 0, "00:00", "00:30");
        segment("job-a", "vision", 1, "01:00", "01:30");
        assertThat(ledger.verify().intact()).isTrue();
        assertThat(new JdbcLedgerRepository(db).newestRow().orElseThrow().seq()).isEqualTo(2);

        withoutAppendOnlyTrigger(() -> jdbc.execute("DELETE FROM ledger_entry WHERE seq = 2"));

        VerifyResult result = ledger.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                .anyMatch(p -> p.startsWith("Entry 2 is missing, though the checkpoint signed at"));
    }

    @Test
    void recordJob_crashMidJob_keepsTheSegmentsWrittenSoFar() {
        // The third history read (accounting segment 2) crashes, as a killed service would stop there.
        signals.failOnHistoryCall(3);
        segment("job-a", "vision", 0, "00:00", "00:30");
        segment("job-a", "vision", 1, "01:00", "01:30");
        assertThatThrownBy(() -> segment("job-a", "vision", 2, "02:00", "02:30"))
                .hasMessageContaining("simulated crash");

        Ledger afterRestart = new Ledger(db, new HandMadeSignals(), Clock.systemUTC(), LedgerSettings.DEFAULT);
        List<LedgerEntry> entries = afterRestart.entries(LedgerQuery.ALL);
        assertThat(entries).extracting(e -> e.content().segmentIndex()).containsExactly(0, 1);
        assertThat(entries).allMatch(e -> e.content().status() == EntryStatus.COMPLETE);
        assertThat(afterRestart.verify().intact()).isTrue();
    }

    @Test
    void append_concurrentWritersOnTwoRepositories_neverForkTheChain() throws Exception {
        // Two repositories stand for two service nodes: only the database serialises them.
        List<LedgerRepository> nodes = List.of(new JdbcLedgerRepository(db), new JdbcLedgerRepository(db));
        EntryContent content = segment("job-a", "vision", 0, "00:00", "00:30").content();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LedgerEntry>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                LedgerRepository node = nodes.get(i % 2);
                futures.add(pool.submit(() -> node.append(NOW, content)));
            }
            for (Future<LedgerEntry> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        VerifyResult result = ledger.verify();
        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(41);
        assertThat(result.headSeq()).isEqualTo(41);
    }

    abstract void dropAppendOnlyTrigger(Jdbc jdbc);

    abstract void restoreAppendOnlyTrigger(Jdbc jdbc);

    private void withoutAppendOnlyTrigger(Runnable tamper) {
        dropAppendOnlyTrigger(jdbc);
        tamper.run();
        restoreAppendOnlyTrigger(jdbc);
    }
}
