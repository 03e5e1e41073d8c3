package io.greenwindow.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.db.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain anchored by signed head checkpoints kept outside the database (on real H2): the tampering a chain
 * alone cannot show (the newest entry removed or rewritten, the table emptied by TRUNCATE, which H2's row trigger
 * does not see, the database rolled back to a backup) is found against the newest checkpoint, or a written head.
 */
class LedgerAnchorTest {

    @TempDir
    Path data;

    private final Database db = TestDatabases.h2();
    private final Jdbc jdbc = new Jdbc(db.dataSource());
    private Ledger ledger;

    @BeforeEach
    void threeEntries() {
        ledger = ledger(LedgerAnchor.inDirectory(data));
        for (int i = 0; i < 3; i++) {
            ledger.recordSegment(new SegmentRecord("job-" + i, "mlp", "vision", "DE", 0, LedgerAccountingTest.T0,
                    LedgerAccountingTest.ranOneThirtyToTwoThirty()));
        }
    }

    private Ledger ledger(LedgerAnchor anchor) {
        return new Ledger(db, new HandMadeSignals().hourly("DE", LedgerAccountingTest.T0, 400, 100, 300, 200),
                Clock.fixed(SampleLedger.NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT, anchor);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void tamper(String sql) {
        jdbc.execute("DROP TRIGGER ledger_entry_append_only");
        jdbc.execute(sql);
        jdbc.execute("CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry FOR EACH ROW CALL '"
                + H2AppendOnlyTrigger.class.getName() + "'");
    }

    @Test
    void verify_untouched_isIntactAgainstTheNewestCheckpoint() throws Exception {
        VerifyResult result = ledger.verify();

        assertThat(result.intact()).as(result.summary()).isTrue();
        assertThat(result.checkedAgainst()).startsWith("checked against the checkpoint signed at").contains("entry 3");
        assertThat(Files.readAllLines(data.resolve(LedgerAnchor.CHECKPOINT_FILE))).hasSize(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(LedgerAnchor.KEY_FILE))))
                .isEqualTo("rw-------");
        assertThat(data.resolve(LedgerAnchor.PUBLIC_KEY_FILE)).exists();
    }

    @Test
    void verify_newestEntryDeleted_isFound() {
        // The chain 1-2 is consistent by itself: only the checkpoint of entry 3 shows the removal.
        tamper("DELETE FROM ledger_entry WHERE seq = 3");
        assertThat(LedgerChain.verify(new JdbcLedgerRepository(db).rowsInChainOrder()).intact()).isTrue();

        VerifyResult result = ledger.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                .anyMatch(p -> p.startsWith("Entry 3 is missing, though the checkpoint signed at"));
    }

    @Test
    void verify_newestEntryRewrittenWithAFreshHash_isFound() {
        // Entry 3 rewritten with its hash recomputed: the chain is consistent again, the checkpoint is not.
        LedgerRow row = new JdbcLedgerRepository(db).rowsInChainOrder().get(2);
        String content = row.content().replace("\"team\":\"vision\"", "\"team\":\"other\"");
        String hash = LedgerChain.hash(row.seq(), row.recordedAt(), row.kind(), row.status(), row.jobId(), row.team(),
                row.zone(), row.runEnd(), row.completesSeq(), content, row.prevHash());
        tamper("UPDATE ledger_entry SET content = '" + content.replace("'", "''") + "', hash = '" + hash
                + "' WHERE seq = 3");
        assertThat(LedgerChain.verify(new JdbcLedgerRepository(db).rowsInChainOrder()).intact()).isTrue();

        VerifyResult result = ledger.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                .anyMatch(p -> p.startsWith("Entry 3 has hash " + hash.substring(0, 12)));
    }

    @Test
    void verify_tableTruncated_isFound() {
        jdbc.execute("TRUNCATE TABLE ledger_entry");

        VerifyResult result = ledger.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                .anyMatch(p -> p.contains("The ledger is empty") && p.contains("TRUNCATE"));
    }

    @Test
    void verify_databaseRolledBackToABackupAndWrittenAgain_isFound(@TempDir Path node) {
        // A backup taken after entry 2 (H2's SCRIPT), restored after entry 3 (RUNSCRIPT), then a new entry:
        // seq 3 exists again, with another hash, and the chain is consistent by itself.
        Database other = TestDatabases.h2();
        try {
            Jdbc otherJdbc = new Jdbc(other.dataSource());
            Ledger restored = new Ledger(other, new HandMadeSignals().hourly("DE", LedgerAccountingTest.T0, 400, 100),
                    Clock.fixed(SampleLedger.NOW, ZoneOffset.UTC), LedgerSettings.DEFAULT, LedgerAnchor.inDirectory(node));
            for (String job : List.of("job-0", "job-1")) {
                restored.recordSegment(new SegmentRecord(job, "mlp", "vision", "DE", 0, LedgerAccountingTest.T0,
                        LedgerAccountingTest.ranOneThirtyToTwoThirty()));
            }
            String backup = node.resolve("backup.sql").toString().replace('\\', '/');
            script(other, "SCRIPT TO '" + backup + "' TABLE ledger_entry");
            restored.recordSegment(new SegmentRecord("job-2", "mlp", "vision", "DE", 0, LedgerAccountingTest.T0,
                    LedgerAccountingTest.ranOneThirtyToTwoThirty()));
            otherJdbc.execute("DROP TABLE ledger_entry");
            script(other, "RUNSCRIPT FROM '" + backup + "'");
            assertThat(restored.verify().problems()).extracting(VerifyResult.Problem::problem)
                    .anyMatch(p -> p.startsWith("Entry 3 is missing") && p.contains("rolled back"));
            restored.recordSegment(new SegmentRecord("job-late", "mlp", "vision", "DE", 0, LedgerAccountingTest.T0,
                    LedgerAccountingTest.ranOneThirtyToTwoThirty()));
            assertThat(LedgerChain.verify(new JdbcLedgerRepository(other).rowsInChainOrder()).intact()).isTrue();

            VerifyResult result = restored.verify();

            assertThat(result.intact()).isFalse();
            assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                    .anyMatch(p -> p.startsWith("Entry 3 has hash") && p.contains("rolled back"));
        } finally {
            other.close();
        }
    }

    @Test
    void verify_againstAWrittenHead_findsTheRemovalAndPassesTheTrueHead() {
        LedgerHead head = ledger.head();
        assertThat(head.signature()).isNotBlank();
        assertThat(ledger.verify(head.seq(), head.hash()).intact()).isTrue();

        jdbc.execute("TRUNCATE TABLE ledger_entry");
        VerifyResult result = ledger(null).verify(head.seq(), head.hash());

        // Without its checkpoints (say the file was deleted too) the written head still finds it.
        assertThat(result.intact()).isFalse();
        assertThat(result.summary()).contains("the head you gave (3:");
    }

    @Test
    void verify_checkpointFileEdited_badLineIsNamed() throws Exception {
        Path file = data.resolve(LedgerAnchor.CHECKPOINT_FILE);
        List<String> lines = Files.readAllLines(file);
        String last = lines.get(2);
        Files.writeString(file, String.join("\n", lines.subList(0, 2)) + "\n" + last.replaceFirst("^3 ", "2 ") + "\n");

        VerifyResult result = ledger.verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.problems()).extracting(VerifyResult.Problem::problem)
                .anyMatch(p -> p.startsWith("Checkpoint line 3 of ledger-checkpoints.log does not carry a valid signature"));
    }

    /** H2's SCRIPT answers rows, so it goes through a plain statement rather than an update. */
    private static void script(Database db, String sql) {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
