package io.greenwindow.train;

import java.util.List;
import java.util.Random;

/**
 * Generates a seeded English-like corpus (simple sentences from a small vocabulary) so that the character-level
 * example has text to learn without downloading any. The same seed always gives the same text.
 */
final class CharCorpus {

    private static final List<String> SUBJECTS = List.of("the grid", "the wind", "a model", "the sun", "our job",
            "the planner", "a battery", "the night");
    private static final List<String> VERBS = List.of("waits for", "follows", "feeds", "trains on", "sees",
            "saves", "runs with", "turns to");
    private static final List<String> OBJECTS = List.of("clean power", "the low carbon window", "green hours",
            "the forecast", "cheap energy", "the morning wind", "solar noon", "a quiet grid");

    private CharCorpus() {
    }

    static String generate(long seed, int length) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length + 64);
        while (text.length() < length) {
            text.append(pick(SUBJECTS, random)).append(' ').append(pick(VERBS, random)).append(' ')
                    .append(pick(OBJECTS, random)).append(random.nextInt(4) == 0 ? ". " : ", ");
        }
        return text.substring(0, length);
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
