package io.greenwindow.ledger;

import java.util.Locale;
import java.util.Optional;

/**
 * Published energy per response of answers of a known length, for pricing a model's answers side by side with
 * its own probe. Energy per response is not linear in tokens (attention grows with the context, batching changes
 * with length), so a preset carries the published joules per response, never tokens times a per-token figure.
 */
public enum ResponsePreset {

    /** ML.ENERGY Leaderboard v3.0 (ml.energy/leaderboard, 2025), H100/B200: mean chat answer. */
    CHAT("chat-length", 717, null, 184,
            "ML.ENERGY Leaderboard v3.0 (H100/B200): mean chat answer of 717 output tokens, 184 J per response"),
    /** ML.ENERGY Leaderboard v3.0, H100/B200: mean reasoning answer. */
    REASONING("reasoning-length", 6_988, null, 4_625,
            "ML.ENERGY Leaderboard v3.0 (H100/B200): mean reasoning answer of 6,988 output tokens, 4,625 J per response"),
    /**
     * The widely reported 2025 tests of DeepSeek-R1 against a Meta 70B model: a 1,000-word answer about 17,800 J,
     * the longer answers raising total energy by 87%.
     */
    DEEPSEEK_R1_1000_WORDS("deepseek-r1-1000-words", null, 1_000, 17_800,
            "Widely reported 2025 tests of DeepSeek-R1 against a Meta 70B model: a 1,000-word answer about 17,800 J "
                    + "(its longer answers raised total energy by 87%)");

    private final String label;
    private final Integer tokens;
    private final Integer words;
    private final double joulesPerResponse;
    private final String source;

    ResponsePreset(String label, Integer tokens, Integer words, double joulesPerResponse, String source) {
        this.label = label;
        this.tokens = tokens;
        this.words = words;
        this.joulesPerResponse = joulesPerResponse;
        this.source = source;
    }

    public String label() {
        return label;
    }

    /** Output tokens per answer, null where the source gives words only. */
    public Integer tokens() {
        return tokens;
    }

    /** Words per answer, null where the source gives tokens. */
    public Integer words() {
        return words;
    }

    /** IT energy of one answer as published, before any PUE. */
    public double joulesPerResponse() {
        return joulesPerResponse;
    }

    public String source() {
        return source;
    }

    /** "6,988 tokens" or "1,000 words". */
    public String length() {
        return tokens != null ? String.format(Locale.ROOT, "%,d tokens", tokens)
                : String.format(Locale.ROOT, "%,d words", words);
    }

    public static Optional<ResponsePreset> byLabel(String label) {
        for (ResponsePreset p : values()) {
            if (p.label.equalsIgnoreCase(label) || p.name().equalsIgnoreCase(label)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
