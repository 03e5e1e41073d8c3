package io.greenwindow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Work outside the database that must follow only what was committed. */
class JdbcAfterCommitTest {

    private final Database db = TestDatabases.h2();
    private final Jdbc jdbc = new Jdbc(db.dataSource());
    private final List<String> done = new ArrayList<>();

    @AfterEach
    void close() {
        db.close();
    }

    private int rows() {
        return jdbc.queryOne("SELECT COUNT(*) AS n FROM planning_lock", rs -> rs.getInt("n")).orElseThrow();
    }

    @Test
    void afterCommit_runsOnceTheOuterTransactionHasCommitted_seeingItsWrites() {
        int before = rows();
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO planning_lock (id, locked_at) VALUES (2, CURRENT_TIMESTAMP)");
            jdbc.inTransaction(inner -> {
                jdbc.afterCommit(() -> done.add("after commit, rows " + rows()));
                return null;
            });
            assertThat(done).as("not inside the transaction").isEmpty();
            return null;
        });
        assertThat(done).containsExactly("after commit, rows " + (before + 1));
    }

    @Test
    void afterCommit_neverRunsWhenTheTransactionRollsBack_andAtOnceWithoutOne() {
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            jdbc.afterCommit(() -> done.add("rolled back"));
            throw new IllegalStateException("the commit fails");
        })).hasMessage("the commit fails");
        assertThat(done).isEmpty();

        jdbc.afterCommit(() -> done.add("no transaction"));
        assertThat(done).containsExactly("no transaction");
    }
}
