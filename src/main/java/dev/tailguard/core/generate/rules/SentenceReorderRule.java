package dev.tailguard.core.generate.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Swaps one pair of adjacent declarative sentences in a paragraph. Sentences that open with a pronoun or a
 * connective ("It", "However", "This", ...) refer back to their predecessor and are never moved.
 */
final class SentenceReorderRule {

    static final String NAME = "sentence_reorder";
    private static final Set<String> ANAPHORIC = Set.of("it", "its", "this", "that", "these", "those", "he", "she",
            "they", "them", "their", "his", "her", "such", "however", "but", "and", "or", "so", "yet", "thus",
            "therefore", "hence", "then", "also", "moreover", "furthermore", "nevertheless", "still", "instead",
            "finally", "meanwhile", "consequently", "besides", "otherwise", "indeed", "here", "there", "accordingly",
            "similarly", "likewise", "first", "second", "third", "next", "last", "lastly");

    /** The sentences with one eligible adjacent pair swapped, or null when no pair qualifies. */
    List<String> apply(List<String> sentences, RandomGenerator rnd) {
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i + 1 < sentences.size(); i++) {
            if (movable(sentences.get(i)) && movable(sentences.get(i + 1))) {
                eligible.add(i);
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        int i = eligible.get(rnd.nextInt(eligible.size()));
        List<String> out = new ArrayList<>(sentences);
        out.set(i, sentences.get(i + 1));
        out.set(i + 1, sentences.get(i));
        return out;
    }

    private static boolean movable(String s) {
        if (!s.endsWith(".") || s.indexOf('"') >= 0 || s.indexOf('\u201c') >= 0) {
            return false;
        }
        String first = s.split("[\\s,;:]+", 2)[0].toLowerCase(Locale.ROOT);
        return !ANAPHORIC.contains(first) && Character.isUpperCase(s.charAt(0));
    }
}
