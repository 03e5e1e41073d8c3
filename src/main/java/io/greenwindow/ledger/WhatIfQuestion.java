package io.greenwindow.ledger;

/**
 * A lead's what-if about one trained model, asked after training: each field left null keeps what the job's spec
 * said. Answer length is given in tokens, or in words with the tokens per word stated (default
 * {@value #DEFAULT_TOKENS_PER_WORD}, the common rule of thumb that a token is about three quarters of an English
 * word); a {@code preset} prices answers at a published energy per response instead of the model's own probe.
 */
public record WhatIfQuestion(String jobId, Double requestsPerDay, Integer lifetimeDays, Integer tokens,
        Integer words, Double tokensPerWord, String zone, Double pue, String preset) {

    public static final double DEFAULT_TOKENS_PER_WORD = 1.33;

    public WhatIfQuestion {
        if (jobId == null || jobId.isBlank()) {
            throw new IllegalArgumentException("job: required (the id of a finished job with an inference probe)");
        }
        if (requestsPerDay != null && !(requestsPerDay >= 0 && Double.isFinite(requestsPerDay))) {
            throw new IllegalArgumentException("requestsPerDay: " + requestsPerDay + " must be a number >= 0");
        }
        if (lifetimeDays != null && lifetimeDays < 1) {
            throw new IllegalArgumentException("lifetimeDays: " + lifetimeDays + " must be a whole number >= 1");
        }
        if (tokens != null && tokens < 1) {
            throw new IllegalArgumentException("tokens: " + tokens + " must be a whole number >= 1");
        }
        if (words != null && words < 1) {
            throw new IllegalArgumentException("words: " + words + " must be a whole number >= 1");
        }
        if (tokens != null && words != null) {
            throw new IllegalArgumentException("tokens and words: give the answer length one way, not both");
        }
        if (tokensPerWord != null && !(tokensPerWord > 0 && Double.isFinite(tokensPerWord))) {
            throw new IllegalArgumentException("tokensPerWord: " + tokensPerWord + " must be a number > 0");
        }
        if (tokensPerWord != null && words == null) {
            throw new IllegalArgumentException("tokensPerWord: only with words");
        }
        if (pue != null && !(pue >= 1.0 && Double.isFinite(pue))) {
            throw new IllegalArgumentException("pue: " + pue + " must be a number >= 1.0");
        }
        if (zone != null && zone.isBlank()) {
            zone = null;
        }
        if (preset != null && preset.isBlank()) {
            preset = null;
        }
        if (preset != null && ResponsePreset.byLabel(preset).isEmpty()) {
            throw new IllegalArgumentException("preset: '" + preset + "' is not one of " + presetLabels());
        }
        if (preset != null && (tokens != null || words != null)) {
            throw new IllegalArgumentException("preset: a preset sets the answer length; leave tokens and words out");
        }
    }

    /**
     * The question from named text values (HTTP query parameters or form fields): {@code job},
     * {@code requestsPerDay}, {@code lifetimeDays}, {@code tokens}, {@code words}, {@code tokensPerWord},
     * {@code zone}, {@code pue}, {@code preset}; blank means "as the spec says". A value that is not a number
     * throws {@link IllegalArgumentException} naming the field.
     */
    public static WhatIfQuestion fromParams(java.util.function.Function<String, String> param) {
        return new WhatIfQuestion(param.apply("job"), decimal(param, "requestsPerDay"), whole(param, "lifetimeDays"),
                whole(param, "tokens"), whole(param, "words"), decimal(param, "tokensPerWord"), param.apply("zone"),
                decimal(param, "pue"), param.apply("preset"));
    }

    private static Double decimal(java.util.function.Function<String, String> param, String name) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(v.trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
        }
    }

    private static Integer whole(java.util.function.Function<String, String> param, String name) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' is not a whole number");
        }
    }

    static String presetLabels() {
        return String.join(", ", java.util.Arrays.stream(ResponsePreset.values()).map(ResponsePreset::label).toList());
    }
}
