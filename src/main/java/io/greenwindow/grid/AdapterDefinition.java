package io.greenwindow.grid;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One adapter as a user defines it in a file of {@code grid-adapters/}: which kind of provider, where it is,
 * which zones it serves (greenwindow zone → the provider's code) and how much it may be asked.
 *
 * @param origin where the definition came from, named in every error about it
 * @param priority lower goes first in a zone's fallback chain
 * @param staleAfter a forecast generated longer ago than this is not used
 * @param step the step signals are resampled to, or null to keep the provider's own
 * @param requestBudget requests allowed per {@code budgetPeriod}, or -1 for no limit
 */
public record AdapterDefinition(
        String origin,
        String name,
        String kind,
        boolean enabled,
        int priority,
        String baseUrl,
        Map<String, String> zones,
        Duration staleAfter,
        Duration step,
        long requestBudget,
        Duration budgetPeriod,
        Map<String, Object> options) {

    public static final int DEFAULT_PRIORITY = 50;
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(6);
    public static final Duration DEFAULT_BUDGET_PERIOD = Duration.ofDays(30);
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofMinutes(15);
    public static final Duration DEFAULT_HISTORY_REFRESH_AFTER = Duration.ofHours(1);
    public static final Duration DEFAULT_HISTORY_LOOKBACK = Duration.ofDays(1);
    public static final Duration DEFAULT_FORECAST_HORIZON = Duration.ofHours(72);
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    public static final Duration DEFAULT_BREAKER_COOL_DOWN = Duration.ofMinutes(15);

    public AdapterDefinition {
        Objects.requireNonNull(origin, "origin");
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException(origin + ": name '" + name + "' must be lower-case letters, digits and '-'");
        }
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException(origin + ": kind is missing");
        }
        if (zones == null || zones.isEmpty()) {
            throw new IllegalArgumentException(origin + ": zones must name at least one zone");
        }
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException(origin + ": staleAfter " + staleAfter + " must be positive");
        }
        if (step != null && (step.isNegative() || step.isZero() || Duration.ofHours(1).toSeconds() % step.toSeconds() != 0
                && step.toSeconds() % Duration.ofHours(1).toSeconds() != 0)) {
            throw new IllegalArgumentException(origin + ": step " + step + " must divide an hour or be whole hours");
        }
        if (requestBudget < -1 || requestBudget == 0) {
            throw new IllegalArgumentException(origin + ": requestBudget " + requestBudget + " must be positive (or absent)");
        }
        if (budgetPeriod == null || budgetPeriod.isNegative() || budgetPeriod.isZero()) {
            throw new IllegalArgumentException(origin + ": requestBudget period " + budgetPeriod + " must be positive");
        }
        zones = Map.copyOf(zones);
        options = options == null ? Map.of() : Map.copyOf(options);
        refreshAfterOf(origin, options);
        // The background schedule and the breaker are checked at load too, each naming its option when wrong.
        positive(origin, "historyRefreshAfter", option("historyRefreshAfter", DEFAULT_HISTORY_REFRESH_AFTER, options, origin));
        positive(origin, "historyLookback", option("historyLookback", DEFAULT_HISTORY_LOOKBACK, options, origin));
        positive(origin, "forecastHorizon", option("forecastHorizon", DEFAULT_FORECAST_HORIZON, options, origin));
        positive(origin, "breakerCoolDown", option("breakerCoolDown", DEFAULT_BREAKER_COOL_DOWN, options, origin));
        Object failures = options.get("breakerFailures");
        if (failures != null && !(failures instanceof Integer n && n >= 1)) {
            throw new IllegalArgumentException(origin + ": options.breakerFailures '" + failures
                    + "' must be a whole number of at least 1");
        }
    }

    private static void positive(String origin, String key, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(origin + ": options." + key + " must be longer than zero");
        }
    }

    private static Duration option(String key, Duration fallback, Map<String, Object> options, String origin) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v.toString());
            if (!d.isNegative()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(origin + ": options." + key + " '" + v
                + "' must be an ISO-8601 duration such as PT15M");
    }

    /** Checks options.refreshAfter at load, so a typo fails at start-up, not at the first forecast. */
    private static void refreshAfterOf(String origin, Map<String, Object> options) {
        Object v = options.get("refreshAfter");
        if (v != null) {
            try {
                if (Duration.parse(v.toString()).isNegative()) {
                    throw new IllegalArgumentException(origin + ": options.refreshAfter '" + v + "' must not be negative");
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(origin + ": options.refreshAfter '" + v
                        + "' must be an ISO-8601 duration such as PT15M");
            }
        }
    }

    /** A text option, or {@code fallback} when absent. */
    public String option(String key, String fallback) {
        Object v = options.get(key);
        return v == null ? fallback : v.toString();
    }

    /** A numeric option, or {@code fallback} when absent; a non-number is refused naming the option. */
    public double option(String key, double fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": options." + key + " '" + v + "' must be a number");
        }
    }

    /** How often the background refresh asks the provider for a new forecast ({@code options.refreshAfter}). */
    public Duration refreshAfter() {
        return option("refreshAfter", DEFAULT_REFRESH_AFTER);
    }

    /** How often the background refresh asks for history, the ledger's data ({@code options.historyRefreshAfter}). */
    public Duration historyRefreshAfter() {
        return option("historyRefreshAfter", DEFAULT_HISTORY_REFRESH_AFTER);
    }

    /** How far back each history refresh asks ({@code options.historyLookback}). */
    public Duration historyLookback() {
        return option("historyLookback", DEFAULT_HISTORY_LOOKBACK);
    }

    /** How far ahead each forecast refresh asks ({@code options.forecastHorizon}). */
    public Duration forecastHorizon() {
        return option("forecastHorizon", DEFAULT_FORECAST_HORIZON);
    }

    /** Failed calls in a row that open the circuit ({@code options.breakerFailures}). */
    public int breakerFailures() {
        Object v = options.get("breakerFailures");
        return v == null ? DEFAULT_BREAKER_FAILURES : (Integer) v;
    }

    /** How long an open circuit waits before its half-open probe ({@code options.breakerCoolDown}). */
    public Duration breakerCoolDown() {
        return option("breakerCoolDown", DEFAULT_BREAKER_COOL_DOWN);
    }

    /** A duration option (ISO-8601, not negative), or {@code fallback} when absent; refused naming the option. */
    public Duration option(String key, Duration fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(v.toString());
            if (!d.isNegative()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(origin + ": options." + key + " '" + v
                + "' must be an ISO-8601 duration such as PT15M");
    }

    /** The same definition with another address (the CLI's {@code --base-url}). */
    public AdapterDefinition withBaseUrl(String url) {
        return new AdapterDefinition(origin, name, kind, enabled, priority, url, zones, staleAfter, step,
                requestBudget, budgetPeriod, options);
    }

    /** The same definition switched on (a user who names an adapter wants it, whatever its file says). */
    public AdapterDefinition enabledCopy() {
        return new AdapterDefinition(origin, name, kind, true, priority, baseUrl, zones, staleAfter, step,
                requestBudget, budgetPeriod, options);
    }
}
