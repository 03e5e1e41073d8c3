package io.greenwindow.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process writing to the embedded database loses no commit it had acknowledged. A child JVM inserts
 * rows one by one, each committed on its own, and prints each id once its commit has returned; it is killed while
 * it writes, and the database opened again must hold every printed id. By default H2 writes commits to its file in
 * the background (up to 500 ms later): without {@code WRITE_DELAY=0} (see {@link Database}) this test lost
 * hundreds of acknowledged rows (issue 10's chaos drill found a submitted job gone after a restart).
 */
class KillDurabilityTest {

    /** Enough commits that the kill lands in steady writing, well inside H2's default delay of 500 ms. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

    @TempDir
    Path data;

    /** The child: writes and acknowledges until killed. */
    public static void main(String[] args) throws Exception {
        Database db = Database.embedded(Path.of(args[0]));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kill_probe (id INT PRIMARY KEY)");
        }
        for (int i = 1; ; i++) {
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO kill_probe (id) VALUES (?)")) {
                insert.setInt(1, i);
                insert.executeUpdate(); // auto-commit: acknowledged when this returns
            }
            System.out.println(i);
            System.out.flush();
        }
    }

    @Test
    void killMinus9WhileCommitting_everyAcknowledgedCommitSurvives() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KillDurabilityTest.class.getName(), data.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // A child that never writes (a broken start) must not hang the suite.
        CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(child::destroyForcibly);
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                acknowledged = Integer.parseInt(line.trim());
            }
            // Killed at once: the commits of the last milliseconds are the ones a delayed write would lose.
            child.destroyForcibly();
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("commits acknowledged before the kill").isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (Database db = Database.embedded(data);
                Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kill_probe WHERE id <= " + acknowledged)) {
            rs.next();
            assertThat(rs.getInt(1)).as("acknowledged rows still there after kill -9 (of " + acknowledged + ")")
                    .isEqualTo(acknowledged);
        }
    }
}
