package dev.tailguard.core.generate.rules;

import java.util.Locale;

/** Capitalisation helpers that keep proper nouns and "I" capitalised. */
final class Casing {

    private Casing() {
    }

    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** Lower-cases the first letter when the first word is a common word; keeps "I", acronyms, proper nouns. */
    static String lowerFirst(String s, WordNetLexicon lexicon) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        if (end == 0) {
            return s;
        }
        String word = s.substring(0, end);
        if (word.equals("I") || (end < s.length() && s.charAt(end) == '.') || (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT)))) {
            return s;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (!lexicon.isCommonWord(lower)) {
            return s;
        }
        return lower + s.substring(end);
    }

    /** Title case ("House"): first letter upper, the rest lower. */
    static boolean isTitle(String w) {
        if (!Character.isUpperCase(w.charAt(0))) {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            if (!Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isLower(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
