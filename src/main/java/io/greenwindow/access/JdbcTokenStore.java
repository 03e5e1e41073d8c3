package io.greenwindow.access;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** {@link TokenStore} in the service's database (table {@code access_tokens}). */
public final class JdbcTokenStore implements TokenStore {

    private static final String COLUMNS = "name, role, teams, created_by, created_at, expires_at, revoked_at, revoked_by";

    private final Jdbc jdbc;
    private final Clock clock;

    public JdbcTokenStore(Database db, Clock clock) {
        this.jdbc = new Jdbc(db.dataSource());
        this.clock = clock;
    }

    @Override
    public NewToken create(String name, Role role, Set<String> teams, String createdBy, Instant expiresAt) {
        TokenInfo info = new TokenInfo(name, role, teams, createdBy, clock.instant(), expiresAt, null, null);
        String secret = TokenSecrets.generate();
        jdbc.inTransaction(c -> {
            // The name is the primary key: of two admins creating the same name at once, the database refuses one.
            if (!Jdbc.query(c, "SELECT name FROM access_tokens WHERE name = ?", rs -> rs.getString(1), name).isEmpty()) {
                throw new TokenNameTakenException(name);
            }
            return Jdbc.update(c, "INSERT INTO access_tokens (secret_hash, " + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)",
                    TokenSecrets.hash(secret), info.name(), info.role(), String.join(",", new TreeSet<>(info.teams())),
                    info.createdBy(), info.createdAt(), info.expiresAt(), null, null);
        });
        return new NewToken(secret, info);
    }

    @Override
    public Authentication authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return new Authentication.Unknown();
        }
        String hash = TokenSecrets.hash(secret.trim());
        // The lookup is by hash: an attacker timing it learns about hashes of their guesses, not about secrets.
        List<Row> rows = jdbc.query("SELECT secret_hash, " + COLUMNS + " FROM access_tokens WHERE secret_hash = ?",
                rs -> new Row(rs.getString("secret_hash"), info(rs)), hash);
        if (rows.isEmpty() || !TokenSecrets.sameHash(rows.get(0).hash(), hash)) {
            return new Authentication.Unknown();
        }
        TokenInfo info = rows.get(0).info();
        Instant now = clock.instant();
        if (info.revoked()) {
            return new Authentication.Revoked(info.name(), info.revokedAt());
        }
        if (info.expiredAt(now)) {
            return new Authentication.Expired(info.name(), info.expiresAt());
        }
        return new Authentication.Valid(info.actor());
    }

    @Override
    public List<TokenInfo> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM access_tokens ORDER BY created_at, name", JdbcTokenStore::info);
    }

    @Override
    public Optional<TokenInfo> find(String name) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM access_tokens WHERE name = ?", JdbcTokenStore::info, name);
    }

    @Override
    public TokenInfo revoke(String name, String revokedBy) {
        Instant now = clock.instant();
        return jdbc.inTransaction(c -> {
            // WHERE revoked_at IS NULL: a second revocation keeps the first one's time and author.
            Jdbc.update(c, "UPDATE access_tokens SET revoked_at = ?, revoked_by = ? WHERE name = ? AND revoked_at IS NULL",
                    now, revokedBy, name);
            List<TokenInfo> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM access_tokens WHERE name = ?",
                    JdbcTokenStore::info, name);
            if (rows.isEmpty()) {
                throw new TokenNotFoundException(name);
            }
            return rows.get(0);
        });
    }

    private record Row(String hash, TokenInfo info) {
    }

    private static TokenInfo info(ResultSet rs) throws SQLException {
        String teams = rs.getString("teams");
        Set<String> set = teams == null || teams.isBlank() ? Set.of()
                : Arrays.stream(teams.split(",")).collect(Collectors.toUnmodifiableSet());
        return new TokenInfo(rs.getString("name"), Role.valueOf(rs.getString("role")), set, rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"), Jdbc.instant(rs, "revoked_at"),
                rs.getString("revoked_by"));
    }
}
