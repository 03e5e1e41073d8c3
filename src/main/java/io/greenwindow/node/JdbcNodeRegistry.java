package io.greenwindow.node;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.time.Instant;
import java.util.List;

/** {@link NodeRegistry} in the service's database, shared by every node of a cluster. */
public final class JdbcNodeRegistry implements NodeRegistry {

    private final Jdbc jdbc;

    public JdbcNodeRegistry(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public void heartbeat(String node, String zone, int slots, int gpus, Instant at) {
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE nodes SET last_seen = ?, zone = ?, slots = ?, gpus = ? WHERE name = ?",
                    at, zone, slots, gpus, node) == 0) {
                Jdbc.update(c, "INSERT INTO nodes (name, zone, started_at, last_seen, slots, gpus) VALUES (?,?,?,?,?,?)",
                        node, zone, at, at, slots, gpus);
            }
            return null;
        });
    }

    @Override
    public List<NodeSeen> silentSince(Instant before) {
        return jdbc.query("SELECT name, zone, last_seen FROM nodes WHERE last_seen < ? ORDER BY name",
                rs -> new NodeSeen(rs.getString("name"), rs.getString("zone"), Jdbc.instant(rs, "last_seen")), before);
    }

    @Override
    public List<LiveNode> liveSince(Instant since) {
        return jdbc.query("SELECT name, zone, slots, gpus FROM nodes WHERE last_seen >= ? ORDER BY name",
                rs -> new LiveNode(rs.getString("name"), rs.getString("zone"), rs.getInt("slots"), rs.getInt("gpus")),
                since);
    }
}
