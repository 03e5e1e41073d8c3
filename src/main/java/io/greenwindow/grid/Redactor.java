package io.greenwindow.grid;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text a provider or a library wrote (an error body that echoes the key, an exception
 * message with a URL) before it is logged, stored or shown: the configured secret values wherever they appear,
 * and whatever follows {@code Bearer}, {@code Basic}, {@code Authorization:}, {@code token=}, {@code apiKey:},
 * {@code password=} and the like. Not a guarantee against every leak, a net under the places text leaves us.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";
    /** Shorter values are too likely to occur in ordinary text to be replaced wherever they appear. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern NAMED = Pattern.compile("(?i)\\b(authorization|auth[_-]?token|x-api-key|api[_-]?key"
            + "|access[_-]?token|refresh[_-]?token|token|password|passwd|secret)(\"?\\s*[:=]\\s*\"?)"
            + "(?!\\[redacted\\])(?!(?:bearer|basic)\\s)([^\\s\"',;&}]+)");
    private static final Redactor PATTERNS_ONLY = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        // Longest first, so that a secret containing another is replaced whole.
        this.secrets = secrets.stream().filter(Objects::nonNull).map(String::trim)
                .filter(s -> s.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Redacts {@code secrets} (the credentials an adapter was given) and the credential patterns. */
    public static Redactor of(Collection<String> secrets) {
        return secrets.isEmpty() ? PATTERNS_ONLY : new Redactor(secrets);
    }

    /** Redacts the credential patterns only. */
    public static Redactor patterns() {
        return PATTERNS_ONLY;
    }

    /** {@code text} with every credential replaced by {@value #MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = SCHEME.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
        return NAMED.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    }
}
