package io.greenwindow.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.greenwindow.db.Database;
import io.greenwindow.db.TestDatabases;
import io.greenwindow.grid.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path data;

    @Test
    void ensure_onFirstStart_writesAnOwnerOnlyAdminToken_andLaterStartsLeaveIt() throws Exception {
        try (Database db = TestDatabases.h2()) {
            TokenStore tokens = new JdbcTokenStore(db, SettableClock.at("2026-03-02T10:00:00Z"));

            Path file = AdminTokenFile.ensure(data, tokens);
            String secret = AdminTokenFile.read(file);

            assertThat(file).isEqualTo(data.resolve("admin-token"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(tokens.authenticate(secret)).isInstanceOf(Authentication.Valid.class)
                    .extracting(a -> ((Authentication.Valid) a).actor().role()).isEqualTo(Role.ADMIN);

            AdminTokenFile.ensure(data, tokens);
            assertThat(AdminTokenFile.read(file)).isEqualTo(secret);
            assertThat(tokens.list()).hasSize(1);
            try (var files = Files.list(data)) {
                assertThat(files).containsExactly(file); // no temporary file left behind
            }
        }
    }

    @Test
    void ensure_whenTheFileWasDeleted_makesAnotherAdminUnderAFreeName() throws Exception {
        try (Database db = TestDatabases.h2()) {
            TokenStore tokens = new JdbcTokenStore(db, SettableClock.at("2026-03-02T10:00:00Z"));
            Files.delete(AdminTokenFile.ensure(data, tokens));

            String second = AdminTokenFile.read(AdminTokenFile.ensure(data, tokens));

            assertThat(tokens.list()).extracting(TokenInfo::name).containsExactly("admin", "admin-2");
            assertThat(((Authentication.Valid) tokens.authenticate(second)).actor().name()).isEqualTo("admin-2");
        }
    }
}
