package io.greenwindow.train;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a training JVM gets: an allow-list of what it needs, copied from the service's own, never
 * the rest. The service's environment holds grid providers' keys (ELECTRICITYMAPS_TOKEN, WATTTIME_PASSWORD) and
 * database credentials, and a training JVM runs a user's model and reads a user's files: it must hold none.
 */
final class ChildEnvironment {

    /** Copied as they are when the service has them. */
    static final Set<String> ALLOWED = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER",
            "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES", "CUDA_HOME", "LD_LIBRARY_PATH", "JAVA_HOME",
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", TrainMain.PAUSE_DRILL_ENV);
    /** ND4J's backend choice (BACKEND_PRIORITY_CPU, BACKEND_PRIORITY_GPU). */
    static final String ALLOWED_PREFIX = "BACKEND_PRIORITY_";

    private ChildEnvironment() {
    }

    /** The allowed part of {@code parent}, then {@code settings} (chosen by the service) over it. */
    static Map<String, String> of(Map<String, String> parent, Map<String, String> settings) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (ALLOWED.contains(name) || name.startsWith(ALLOWED_PREFIX)) {
                env.put(name, value);
            }
        });
        env.putAll(settings);
        return env;
    }
}
