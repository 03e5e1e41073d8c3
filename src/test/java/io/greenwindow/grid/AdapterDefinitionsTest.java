package io.greenwindow.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterDefinitionsTest {

    @Test
    void load_shippedFolder_givesEveryProviderInChainOrder() {
        List<AdapterDefinition> defs = AdapterDefinitions.load(Path.of("grid-adapters"));
        assertThat(defs).extracting(AdapterDefinition::name)
                .containsExactly("watttime", "electricitymaps", "gb", "carbon-aware-sdk", "replay");
        AdapterDefinition em = defs.get(1);
        assertThat(em.requestBudget()).isEqualTo(1000);
        assertThat(em.budgetPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(em.staleAfter()).isEqualTo(Duration.ofHours(3));
        assertThat(defs.get(4).zones()).containsKeys("DE", "GB", "US-CAL-CISO", "US-MIDA-PJM");
    }

    @Test
    void load_classpath_matchesTheFolder() {
        assertThat(AdapterDefinitions.load(null)).extracting(AdapterDefinition::name)
                .containsExactlyElementsOf(AdapterDefinitions.load(Path.of("grid-adapters")).stream()
                        .map(AdapterDefinition::name).toList());
    }

    @Test
    void everyShippedDefinition_buildsItsAdapter_withCredentials() {
        // The examples kept honest: every shipped file becomes a working adapter once credentials are given.
        var env = java.util.Map.of("ELECTRICITYMAPS_TOKEN", "t", "WATTTIME_USERNAME", "u", "WATTTIME_PASSWORD", "p",
                "CARBON_AWARE_SDK_URL", "http://localhost:1");
        try (GridModule grid = GridModule.create(io.greenwindow.grid.store.SignalStore.none(),
                SettableClock.at("2026-11-29T13:20:00Z"),
                AdapterDefinitions.load(Path.of("grid-adapters")).stream().map(AdapterDefinition::enabledCopy).toList(),
                Path.of("grid-adapters"), env)) {
            assertThat(grid.adapters()).allSatisfy(a -> assertThat(a.health()).isEqualTo(AdapterStatus.Health.UP));
        }
    }

    @Test
    void loadFromClasspath_insideAJar_readsTheDefinitions(@TempDir Path dir) throws IOException {
        // As in target/greenwindow.jar: the folder is packaged at grid-adapters/ inside the jar.
        Path jar = dir.resolve("app.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("grid-adapters/"));
            out.closeEntry();
            out.putNextEntry(new java.util.jar.JarEntry("grid-adapters/replay.yaml"));
            out.write(Files.readAllBytes(Path.of("grid-adapters", "replay.yaml")));
            out.closeEntry();
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            assertThat(AdapterDefinitions.loadFromClasspath(loader)).extracting(AdapterDefinition::name)
                    .containsExactly("replay");
        }
    }

    @Test
    void load_badDuration_namesFileAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.yaml"), "name: x\nkind: replay\nstaleAfter: 6 hours\nzones: [DE]\n");
        assertThatThrownBy(() -> AdapterDefinitions.load(dir))
                .hasMessageContaining("x.yaml").hasMessageContaining("staleAfter").hasMessageContaining("'6 hours'");
    }

    @Test
    void load_noZones_isRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("y.yaml"), "name: y\nkind: replay\n");
        assertThatThrownBy(() -> AdapterDefinitions.load(dir)).hasMessage("y.yaml: zones must name at least one zone");
    }

    @Test
    void load_duplicateNames_isRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "name: same\nkind: replay\nzones: [DE]\n");
        Files.writeString(dir.resolve("b.yaml"), "name: same\nkind: replay\nzones: [GB]\n");
        assertThatThrownBy(() -> AdapterDefinitions.load(dir)).hasMessageContaining("'same'");
    }

    @Test
    void create_unknownKind_namesTheFileAndTheKnownKinds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("z.yaml"), "name: z\nkind: smoke-signals\nzones: [DE]\n");
        assertThatThrownBy(() -> GridModule.create(io.greenwindow.grid.store.SignalStore.none(),
                SettableClock.at("2026-11-29T13:20:00Z"), dir, java.util.Map.of()))
                .hasMessageContaining("z.yaml").hasMessageContaining("smoke-signals").hasMessageContaining("watttime");
    }

    @Test
    void scheduleAndBreakerOptions_readWithDefaults_andBadValuesNameTheOption() {
        AdapterDefinition plain = TestDefinitions.yaml("name: em\nkind: electricitymaps\nzones: [DE]\n");
        assertThat(plain.refreshAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(plain.historyRefreshAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(plain.historyLookback()).isEqualTo(Duration.ofDays(1));
        assertThat(plain.forecastHorizon()).isEqualTo(Duration.ofHours(72));
        assertThat(plain.breakerFailures()).isEqualTo(5);
        assertThat(plain.breakerCoolDown()).isEqualTo(Duration.ofMinutes(15));

        AdapterDefinition set = TestDefinitions.yaml("name: em\nkind: electricitymaps\nzones: [DE]\noptions:\n"
                + "  breakerFailures: 2\n  breakerCoolDown: PT1H\n  historyRefreshAfter: PT6H\n");
        assertThat(set.breakerFailures()).isEqualTo(2);
        assertThat(set.breakerCoolDown()).isEqualTo(Duration.ofHours(1));
        assertThat(set.historyRefreshAfter()).isEqualTo(Duration.ofHours(6));

        assertThatThrownBy(() -> TestDefinitions.yaml("name: em\nkind: electricitymaps\nzones: [DE]\noptions:\n"
                + "  breakerFailures: 0\n")).hasMessageContaining("options.breakerFailures '0'");
        assertThatThrownBy(() -> TestDefinitions.yaml("name: em\nkind: electricitymaps\nzones: [DE]\noptions:\n"
                + "  historyRefreshAfter: soon\n")).hasMessageContaining("options.historyRefreshAfter 'soon'");
        assertThatThrownBy(() -> TestDefinitions.yaml("name: em\nkind: electricitymaps\nzones: [DE]\noptions:\n"
                + "  breakerCoolDown: PT0S\n")).hasMessageContaining("options.breakerCoolDown must be longer than zero");
    }
}
