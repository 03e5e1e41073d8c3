package io.greenwindow.job.spec;

import java.util.regex.Pattern;

/** The one character set and length of every name a user gives: job, team, zone and model names. */
public final class Names {

    /** 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (so never "." or ".."). */
    public static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String RULE = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Names() {
    }

    public static boolean isSafe(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    /**
     * A user's text made safe for a terminal or a log line: control characters (ESC, CR, LF, BEL, ...) become
     * {@code \\uXXXX}, so a reason or name can never move the cursor or rewrite what a user sees.
     */
    public static String printable(String text) {
        return printable(text, false);
    }

    /** As {@link #printable(String)}; {@code oneLine} escapes line feeds too, so one reason stays one line. */
    public static String printable(String text, boolean oneLine) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) && (oneLine || c != '\n') || c == 0x2028 || c == 0x2029 || c == 0x202E) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
