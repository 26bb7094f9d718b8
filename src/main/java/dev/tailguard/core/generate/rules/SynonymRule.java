package dev.tailguard.core.generate.rules;

import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces content words by WordNet synonyms. Only plain lower-case words, or title-case words at the start of a
 * sentence, are eligible (a capitalised word mid-sentence is treated as a proper noun); words glued to a hyphen,
 * apostrophe or digit are skipped; the replacement keeps the original capitalisation.
 */
final class SynonymRule {

    static final String NAME = "synonym";
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    private final WordNetLexicon lexicon;

    SynonymRule(WordNetLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Returns the rewritten text and the number of substitutions. */
    Result apply(String text, double rate, RandomGenerator rnd) {
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int last = 0;
        int count = 0;
        while (m.find()) {
            String w = m.group();
            String replacement = null;
            if (!glued(text, m.start(), m.end())) {
                boolean title = Casing.isTitle(w);
                if (Casing.isLower(w) || (title && sentenceInitial(text, m.start()) && !nextIsTitle(text, m.end()))) {
                    WordNetLexicon.Choice choice = lexicon.synonyms(w.toLowerCase(Locale.ROOT));
                    if (!choice.isEmpty() && fitsContext(choice.pos(), previousWord(text, m.start()))
                            && rnd.nextDouble() < rate) {
                        String s = pick(choice.synonyms(), rnd);
                        replacement = title ? Casing.capitalize(s) : s;
                    }
                }
            }
            if (replacement != null) {
                out.append(text, last, m.start()).append(replacement);
                last = m.end();
                count++;
            }
        }
        out.append(text, last, text.length());
        return new Result(out.toString(), count);
    }

    record Result(String text, int count) {
    }

    private static final java.util.Set<String> DETERMINERS = java.util.Set.of("the", "a", "an", "this", "that",
            "these", "those", "my", "our", "your", "his", "her", "its", "their", "every", "each", "no", "some", "any");
    private static final java.util.Set<String> VERB_CONTEXT = java.util.Set.of("to", "will", "would", "can",
            "could", "shall", "should", "may", "might", "must", "cannot", "did", "does", "do");

    /** Without a tagger, the previous word vetoes a part of speech: "the help" is no verb, "to house" no noun. */
    static boolean fitsContext(String pos, String previous) {
        if (DETERMINERS.contains(previous)) {
            return pos.equals("noun") || pos.equals("adjective");
        }
        if (VERB_CONTEXT.contains(previous)) {
            return pos.equals("verb") || pos.equals("adverb");
        }
        return true;
    }

    private static String previousWord(String t, int start) {
        int i = start - 1;
        while (i >= 0 && t.charAt(i) == ' ') {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && Character.isLetter(t.charAt(i))) {
            i--;
        }
        return t.substring(i + 1, end).toLowerCase(Locale.ROOT);
    }

    private static String pick(List<WordNetLexicon.Synonym> syn, RandomGenerator rnd) {
        int total = 0;
        for (WordNetLexicon.Synonym s : syn) {
            total += s.count();
        }
        int r = rnd.nextInt(total);
        for (WordNetLexicon.Synonym s : syn) {
            r -= s.count();
            if (r < 0) {
                return s.lemma();
            }
        }
        return syn.get(0).lemma();
    }

    /** "Big Ben", "New York": a title-case word followed by another one is taken as part of a name. */
    private static boolean nextIsTitle(String t, int end) {
        int i = end;
        while (i < t.length() && t.charAt(i) == ' ') {
            i++;
        }
        return i > end && i < t.length() && Character.isUpperCase(t.charAt(i));
    }

    private static boolean glued(String t, int start, int end) {
        return (start > 0 && isGlue(t.charAt(start - 1))) || (end < t.length() && isGlue(t.charAt(end)));
    }

    private static boolean isGlue(char c) {
        return c == '-' || c == '\'' || c == '\u2019' || c == '_' || c == '/' || Character.isDigit(c)
                || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean sentenceInitial(String t, int start) {
        int i = start - 1;
        while (i >= 0 && (t.charAt(i) == '"' || t.charAt(i) == '\u201c' || t.charAt(i) == '(' || t.charAt(i) == '\'')) {
            i--;
        }
        boolean sawSpace = false;
        while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
            if (t.charAt(i) == '\n') {
                return true;
            }
            sawSpace = true;
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = t.charAt(i);
        return sawSpace && (c == '.' || c == '!' || c == '?' || c == '"' || c == '\u201d');
    }
}
