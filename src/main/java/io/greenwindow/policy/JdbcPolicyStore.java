package io.greenwindow.policy;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Policies in the service's database, one immutable row per version (table {@code policy_versions}). */
public final class JdbcPolicyStore implements PolicyStore {

    private static final String COLUMNS = "name, version, created_at, rules, author";

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcPolicyStore(Database db, Clock clock) {
        this.jdbc = new Jdbc(db.dataSource());
        this.clock = clock;
    }

    @Override
    public Optional<Policy> current(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM policy_versions WHERE name = ? ORDER BY version DESC LIMIT 1",
                JdbcPolicyStore::policy, name);
    }

    @Override
    public List<Policy> currentAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM policy_versions p WHERE version = "
                + "(SELECT MAX(version) FROM policy_versions q WHERE q.name = p.name) ORDER BY name", JdbcPolicyStore::policy);
    }

    @Override
    public List<Policy> history(String name) {
        return jdbc.query("SELECT " + COLUMNS + " FROM policy_versions WHERE name = ? ORDER BY version",
                JdbcPolicyStore::policy, name);
    }

    @Override
    public Policy publish(String name, PolicyRules rules, String author) {
        PolicyStore.checkName(name);
        String json = PolicyJson.write(rules);
        return jdbc.inTransaction(c -> {
            int last = Jdbc.query(c, "SELECT COALESCE(MAX(version), 0) FROM policy_versions WHERE name = ?",
                    rs -> rs.getInt(1), name).get(0);
            Policy p = new Policy(name, last + 1, clock.instant(), rules, author);
            // Two admins publishing at once both compute last + 1; the primary key refuses the second.
            Jdbc.update(c, "INSERT INTO policy_versions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    p.name(), p.version(), p.createdAt(), json, author);
            return p;
        });
    }

    private static Policy policy(ResultSet rs) throws SQLException {
        return new Policy(rs.getString("name"), rs.getInt("version"), Jdbc.instant(rs, "created_at"),
                PolicyJson.readStored(rs.getString("rules")), rs.getString("author"));
    }
}
