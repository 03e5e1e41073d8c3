package io.greenwindow.api;

import io.javalin.http.Context;

/**
 * How many items of a list one request gets: {@code ?limit=} (a default, and a most that no request can pass, so
 * that no list answer grows with the database) and where the page starts ({@code ?offset=} or {@code ?after=}).
 */
final class Paging {

    private Paging() {
    }

    /** {@code ?limit=}: {@code fallback} when absent; 400 naming the bound when below 1 or above {@code most}. */
    static int limit(Context ctx, int fallback, int most) {
        String value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n = whole(value, "limit");
        if (n < 1 || n > most) {
            throw new IllegalArgumentException("limit " + value + " must be between 1 and " + most
                    + " (the most one page holds; ask for the next page with offset or after)");
        }
        return (int) n;
    }

    /** A whole number {@code >= 0} named {@code name}, 0 when absent. */
    static long start(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return 0;
        }
        long n = whole(value, name);
        if (n < 0) {
            throw new IllegalArgumentException(name + " " + value + " must be 0 or more");
        }
        return n;
    }

    private static long whole(String value, String name) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
