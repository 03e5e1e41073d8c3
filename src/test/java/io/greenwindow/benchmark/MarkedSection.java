package io.greenwindow.benchmark;

import java.util.Optional;

/**
 * A part of a generated report (docs/benchmarks.md) between two HTML comments, {@code <!-- NAME:begin -->} and
 * {@code <!-- NAME:end -->}, each on a line of its own. Several generators write one file: each replaces only its
 * own sections and keeps the others as they are, so a report can be refreshed one section at a time.
 */
public record MarkedSection(String name) {

    public MarkedSection {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A section name is lower-case letters, digits and '-': " + name);
        }
    }

    public String begin() {
        return "<!-- " + name + ":begin -->";
    }

    public String end() {
        return "<!-- " + name + ":end -->";
    }

    /** {@code body} between this section's markers, each marker on its own line. */
    public String wrap(String body) {
        return begin() + "\n" + body + (body.isEmpty() || body.endsWith("\n") ? "" : "\n") + end() + "\n";
    }

    /** The whole section in {@code text}, markers included, or empty when {@code text} has no complete one. */
    public Optional<String> in(String text) {
        int begin = lineStart(text, begin(), 0);
        int end = begin < 0 ? -1 : lineStart(text, end(), begin);
        if (end < 0) {
            return Optional.empty();
        }
        return Optional.of(text.substring(begin, end + end().length()) + "\n");
    }

    /**
     * {@code text} with this section's body replaced by {@code body}; the section is appended, after a blank line,
     * when {@code text} has none yet.
     */
    public String replaceIn(String text, String body) {
        int begin = lineStart(text, begin(), 0);
        int end = begin < 0 ? -1 : lineStart(text, end(), begin);
        if (end < 0) {
            String sep = text.isEmpty() ? "" : text.endsWith("\n") ? "\n" : "\n\n";
            return text + sep + wrap(body);
        }
        int after = end + end().length();
        String rest = text.substring(after);
        return text.substring(0, begin) + wrap(body) + (rest.startsWith("\n") ? rest.substring(1) : rest);
    }

    /** Where {@code marker} starts a line of {@code text} at or after {@code from}, or -1 (a mention inside a line is no marker). */
    private static int lineStart(String text, String marker, int from) {
        for (int at = text.indexOf(marker, from); at >= 0; at = text.indexOf(marker, at + 1)) {
            boolean startsLine = at == 0 || text.charAt(at - 1) == '\n';
            int after = at + marker.length();
            boolean endsLine = after == text.length() || text.charAt(after) == '\n';
            if (startsLine && endsLine) {
                return at;
            }
        }
        return -1;
    }
}
