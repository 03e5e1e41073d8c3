package io.greenwindow.node;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.util.HashMap;
import java.util.Map;

/** What the cluster's news watcher last saw, by name ({@code news_marks}): shared, so the watch can move nodes. */
public final class NewsMarks {

    private final Jdbc jdbc;

    public NewsMarks(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    public Map<String, String> all() {
        Map<String, String> marks = new HashMap<>();
        jdbc.query("SELECT name, mark FROM news_marks", rs -> marks.put(rs.getString("name"), rs.getString("mark")));
        return marks;
    }

    public void put(String name, String mark) {
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE news_marks SET mark = ? WHERE name = ?", mark, name) == 0) {
                Jdbc.update(c, "INSERT INTO news_marks (name, mark) VALUES (?, ?)", name, mark);
            }
            return null;
        });
    }
}
