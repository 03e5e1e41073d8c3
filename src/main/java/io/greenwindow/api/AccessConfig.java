package io.greenwindow.api;

import java.util.Map;

/**
 * The HTTP edge's limits and openness: whether public grid data is open to anonymous callers, the largest request
 * body, the per-token request rate (a token bucket) and the most held jobs one team may have waiting.
 */
public record AccessConfig(boolean publicGrid, long maxBodyBytes, int requestsPerMinute, int burst, int maxHeldPerTeam) {

    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;
    public static final int DEFAULT_BURST = 120;
    public static final int DEFAULT_MAX_HELD_PER_TEAM = 200;

    public static final AccessConfig DEFAULTS = new AccessConfig(true, DEFAULT_MAX_BODY_BYTES,
            DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_BURST, DEFAULT_MAX_HELD_PER_TEAM);

    public AccessConfig {
        if (maxBodyBytes < 1 || requestsPerMinute < 1 || burst < 1 || maxHeldPerTeam < 1) {
            throw new IllegalArgumentException("Access limits must be positive: body " + maxBodyBytes + " bytes, "
                    + requestsPerMinute + " requests/min, burst " + burst + ", " + maxHeldPerTeam + " held jobs per team");
        }
    }

    /**
     * GREENWINDOW_PUBLIC_GRID (true: /emissions/* open to anonymous callers), GREENWINDOW_MAX_BODY_BYTES,
     * GREENWINDOW_RATE_PER_MINUTE, GREENWINDOW_RATE_BURST, GREENWINDOW_MAX_HELD_PER_TEAM.
     */
    public static AccessConfig fromEnvironment(Map<String, String> env) {
        return new AccessConfig(
                !"false".equalsIgnoreCase(env.getOrDefault("GREENWINDOW_PUBLIC_GRID", "true").trim()),
                number(env, "GREENWINDOW_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES),
                (int) number(env, "GREENWINDOW_RATE_PER_MINUTE", DEFAULT_REQUESTS_PER_MINUTE),
                (int) number(env, "GREENWINDOW_RATE_BURST", DEFAULT_BURST),
                (int) number(env, "GREENWINDOW_MAX_HELD_PER_TEAM", DEFAULT_MAX_HELD_PER_TEAM));
    }

    public AccessConfig withRate(int perMinute, int newBurst) {
        return new AccessConfig(publicGrid, maxBodyBytes, perMinute, newBurst, maxHeldPerTeam);
    }

    public AccessConfig withMaxHeldPerTeam(int max) {
        return new AccessConfig(publicGrid, maxBodyBytes, requestsPerMinute, burst, max);
    }

    public AccessConfig withPublicGrid(boolean open) {
        return new AccessConfig(open, maxBodyBytes, requestsPerMinute, burst, maxHeldPerTeam);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
