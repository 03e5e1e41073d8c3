package io.greenwindow.cli;

/** Small text shaping for terminal tables. */
final class Text {
    private Text() {
    }

    /** A server's text (a reason, a name) with control characters escaped, so it never acts on the terminal. */
    static String safe(String s) {
        return io.greenwindow.job.spec.Names.printable(s);
    }

    /**
     * The reason of a job, event or plan in the server's JSON, worded here by the same Wording the server uses
     * (from its {@code why}: code and arguments), made safe; a server or row without codes gives its sentence.
     */
    static String reason(com.fasterxml.jackson.databind.JsonNode item) {
        com.fasterxml.jackson.databind.JsonNode why = item.path("why");
        String sentence = item.path("reason").asText();
        return safe(why.isObject() ? io.greenwindow.reason.Wording.render(
                io.greenwindow.reason.ReasonJson.read(why.toString(), sentence)) : sentence);
    }

    /** Many lines of a server's text: each made safe as {@link #safe}, the line breaks kept. */
    static String safeLines(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\r?\n", -1)) {
            b.append(safe(line)).append('\n');
        }
        // split keeps a last empty piece after a final newline: drop the newline it added
        return s.endsWith("\n") || s.isEmpty() ? b.substring(0, b.length() - 1) : b.toString();
    }

    static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    /** "2026-11-30T02:00:00Z" as "2026-11-30 02:00Z"; "" stays "". */
    static String minute(String instant) {
        if (instant == null || instant.length() < 16 || "null".equals(instant)) {
            return "";
        }
        return instant.substring(0, 10) + " " + instant.substring(11, 16) + "Z";
    }
}
