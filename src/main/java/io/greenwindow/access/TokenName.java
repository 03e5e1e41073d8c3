package io.greenwindow.access;

import java.util.regex.Pattern;

/** Token and team names: short words that are safe in URLs, logs and audit columns. */
public final class TokenName {

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    private TokenName() {
    }

    /** Returns {@code value} when it is 1-64 letters, digits, '.', '_', '@' or '-'; else says what is wrong. */
    public static String check(String field, String value) {
        if (value == null || !WORD.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value
                    + "' must be 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return value;
    }
}
