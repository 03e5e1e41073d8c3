package io.greenwindow.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which token the CLI sends: {@code --token}, else {@code GREENWINDOW_TOKEN}, else the admin token that the first
 * start of the embedded default wrote to {@code ./data/admin-token} (so README's tour works with nothing to paste),
 * else none.
 */
final class CliToken {

    static final String ENV = "GREENWINDOW_TOKEN";
    static final Path DEFAULT_FILE = Path.of("data", "admin-token");

    private CliToken() {
    }

    static String resolve(String option) {
        return resolve(option, System.getenv(), DEFAULT_FILE);
    }

    static String resolve(String option, Map<String, String> env, Path file) {
        if (option != null && !option.isBlank()) {
            return option.trim();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        if (Files.isReadable(file)) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                return text.isEmpty() ? null : text;
            } catch (IOException e) {
                throw new CliException("Cannot read the token file " + file + ": " + e.getMessage());
            }
        }
        return null;
    }
}
