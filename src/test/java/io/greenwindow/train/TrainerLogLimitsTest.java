package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.server.Greenwindow;
import io.greenwindow.server.ServerConfig;
import io.greenwindow.server.SettableClock;
import io.greenwindow.service.NodeLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How much trainer output a segment keeps is set by two environment settings, refused by name when wrong. */
class TrainerLogLimitsTest {

    private static final String KIB = RotatingOutput.Limits.ENV_FILE_KIB;
    private static final String FILES = RotatingOutput.Limits.ENV_FILES;

    @TempDir
    Path data;

    @Test
    void unsetOrBlank_areTheDocumentedDefault_fourFilesOfTwoMiB() {
        // README: "at 2 MiB it becomes .1 ..., so a segment keeps at most its newest 8 MiB in 4 files".
        RotatingOutput.Limits expected = new RotatingOutput.Limits(2 * 1024 * 1024, 4);
        assertThat(RotatingOutput.Limits.fromEnvironment(Map.of())).isEqualTo(expected);
        assertThat(RotatingOutput.Limits.fromEnvironment(Map.of(KIB, " ", FILES, ""))).isEqualTo(expected);
    }

    @Test
    void set_areKibAndFiles() {
        assertThat(RotatingOutput.Limits.fromEnvironment(Map.of(KIB, "256", FILES, "3")))
                .isEqualTo(new RotatingOutput.Limits(256 * 1024, 3));
        assertThat(RotatingOutput.Limits.fromEnvironment(Map.of(KIB, " 1 ", FILES, "100")))
                .isEqualTo(new RotatingOutput.Limits(1024, 100));
        assertThat(RotatingOutput.Limits.fromEnvironment(Map.of(KIB, "1048576")).fileBytes())
                .isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void badValues_areRefusedNamingTheSettingTheValueAndWhatItMustBe() {
        for (String bad : new String[] {"2MB", "0", "-1", "1048577", "1.5", "99999999999999999999"}) {
            assertThatThrownBy(() -> RotatingOutput.Limits.fromEnvironment(Map.of(KIB, bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(KIB + " is '" + bad + "': it must be a whole number of KiB from 1 to 1048576, e.g. "
                            + "2048 for 2 MiB");
        }
        for (String bad : new String[] {"four", "0", "101"}) {
            assertThatThrownBy(() -> RotatingOutput.Limits.fromEnvironment(Map.of(FILES, bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(FILES + " is '" + bad + "': it must be a whole number of files from 1 to 100");
        }
    }

    @Test
    void service_withABadSetting_refusesToStart_namingIt() {
        ServerConfig config = new ServerConfig(0, data, null, "", "", false, "test-node", "DE", null,
                NodeLimits.defaults(), null, Duration.ofHours(1), Duration.ofMinutes(2));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(FILES, "0");
        assertThatThrownBy(() -> Greenwindow.start(config, new SettableClock(), env).close())
                .hasMessageContaining(FILES + " is '0'");
    }
}
