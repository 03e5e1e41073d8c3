package io.greenwindow.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.db.Database;
import io.greenwindow.db.Jdbc;
import io.greenwindow.grid.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link TokenStore} keeps, run on H2 and on PostgreSQL by the subclasses. */
abstract class TokenStoreContract {

    static final Instant T0 = Instant.parse("2026-03-02T14:17:33Z");

    private Database database;
    private SettableClock clock;
    private TokenStore store;

    abstract Database database();

    @BeforeEach
    void open() {
        database = database();
        clock = new SettableClock(T0);
        store = new JdbcTokenStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void create_thenAuthenticate_givesTheActorWithRoleAndTeams() {
        NewToken token = store.create("alice", Role.ENGINEER, Set.of("vision", "nlp"), "admin (admin)", null);

        assertThat(store.authenticate(token.secret()))
                .isEqualTo(new Authentication.Valid(new Actor("alice", Role.ENGINEER, Set.of("nlp", "vision"))));
        assertThat(store.authenticate(token.secret() + "x")).isInstanceOf(Authentication.Unknown.class);
        assertThat(store.authenticate("")).isInstanceOf(Authentication.Unknown.class);
    }

    @Test
    void create_storesOnlyTheHashOfTheSecret() {
        NewToken token = store.create("bob", Role.SUSTAINABILITY, Set.of(), "admin (admin)", null);

        var rows = new Jdbc(database.dataSource()).query("SELECT * FROM access_tokens", rs -> {
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                all.append(rs.getString(i)).append('|');
            }
            return all.toString();
        });
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).doesNotContain(token.secret()).doesNotContain(token.secret().substring(3))
                .contains(TokenSecrets.hash(token.secret()));
    }

    @Test
    void list_showsEveryTokenWithItsCreator_andNoSecret() {
        store.create("alice", Role.ENGINEER, Set.of("vision"), "root (admin)", T0.plus(Duration.ofDays(30)));
        clock.advance(Duration.ofMinutes(1));
        store.create("sue", Role.SUSTAINABILITY, Set.of(), "root (admin)", null);

        assertThat(store.list()).extracting(TokenInfo::name, TokenInfo::role, TokenInfo::createdBy, TokenInfo::createdAt,
                        TokenInfo::expiresAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", Role.ENGINEER, "root (admin)", T0, T0.plus(Duration.ofDays(30))),
                        org.assertj.core.groups.Tuple.tuple("sue", Role.SUSTAINABILITY, "root (admin)", T0.plus(Duration.ofMinutes(1)), null));
    }

    @Test
    void create_whenNameTaken_evenByARevokedToken_isRefused() {
        store.create("alice", Role.ADMIN, Set.of(), "root (admin)", null);
        store.revoke("alice", "root (admin)");

        assertThatThrownBy(() -> store.create("alice", Role.ADMIN, Set.of(), "root (admin)", null))
                .isInstanceOf(TokenNameTakenException.class).hasMessageContaining("'alice'");
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void revoke_refusesTheTokenFromThenOn_andRecordsWhoAndWhen() {
        NewToken token = store.create("alice", Role.ENGINEER, Set.of("vision"), "root (admin)", null);
        clock.advance(Duration.ofHours(2));

        TokenInfo revoked = store.revoke("alice", "carol (admin)");

        assertThat(revoked.revokedAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(revoked.revokedBy()).isEqualTo("carol (admin)");
        assertThat(store.authenticate(token.secret()))
                .isEqualTo(new Authentication.Revoked("alice", T0.plus(Duration.ofHours(2))));
    }

    @Test
    void revoke_twice_keepsTheFirstRevocation() {
        store.create("alice", Role.ADMIN, Set.of(), "root (admin)", null);
        store.revoke("alice", "carol (admin)");
        clock.advance(Duration.ofHours(1));

        TokenInfo again = store.revoke("alice", "dave (admin)");

        assertThat(again.revokedBy()).isEqualTo("carol (admin)");
        assertThat(again.revokedAt()).isEqualTo(T0);
    }

    @Test
    void revoke_unknownName_saysSo() {
        assertThatThrownBy(() -> store.revoke("nobody", "root (admin)"))
                .isInstanceOf(TokenNotFoundException.class).hasMessage("No token named 'nobody'");
    }

    @Test
    void authenticate_atAndAfterExpiry_saysExpired_andBeforeItIsValid() {
        Instant expiry = T0.plus(Duration.ofDays(30));
        NewToken token = store.create("temp", Role.SUSTAINABILITY, Set.of(), "root (admin)", expiry);

        clock.set(expiry.minusSeconds(1));
        assertThat(store.authenticate(token.secret())).isInstanceOf(Authentication.Valid.class);
        clock.set(expiry);
        assertThat(store.authenticate(token.secret())).isEqualTo(new Authentication.Expired("temp", expiry));
    }

    @Test
    void create_engineerWithoutTeam_isRefusedNamingTheField() {
        assertThatThrownBy(() -> store.create("eve", Role.ENGINEER, Set.of(), "root (admin)", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("team:");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void secrets_areDistinct_andCarryAtLeast256Bits() {
        String a = TokenSecrets.generate();
        String b = TokenSecrets.generate();
        assertThat(a).isNotEqualTo(b).startsWith(TokenSecrets.PREFIX);
        // 32 bytes in unpadded base64url are ceil(32 * 8 / 6) = 43 characters.
        assertThat(java.util.Base64.getUrlDecoder().decode(a.substring(TokenSecrets.PREFIX.length()))).hasSize(32);
    }
}
