package dev.tailguard.core.generate.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a declarative sentence with an auxiliary or copula into a yes/no question by subject-auxiliary inversion:
 * "The nation is strong." gives "Question: Is the nation strong?" with "Answer: Yes. The nation is strong."
 * The subject is the words before the first auxiliary (at most seven, no comma, no relative pronoun).
 */
final class QaTemplateRule {

    static final String NAME = "qa_template";
    private static final Set<String> AUX = Set.of("is", "are", "was", "were", "can", "could", "will", "would",
            "should", "must", "may", "might", "shall");
    private static final Set<String> NO_INVERSION_START = Set.of("if", "when", "because", "although", "though",
            "while", "since", "unless", "after", "before", "once", "but", "and", "or", "so", "yet", "however",
            "what", "who", "which", "where", "why", "how", "as", "until", "let", "yes", "no",
            // fronted adverbs and prepositions: "Today we must act." must not become "Must today we act?"
            "today", "tonight", "now", "here", "yesterday", "tomorrow", "also", "therefore", "thus", "indeed",
            "perhaps", "surely", "certainly", "still", "soon", "then", "again", "already", "in", "on", "at", "for",
            "with", "by", "from", "during", "under", "over", "through", "to", "of", "without", "within", "among",
            "between", "into", "upon", "across", "against", "toward", "towards", "despite", "throughout", "only",
            "never", "nor", "not", "neither", "hence", "finally", "moreover", "furthermore", "meanwhile");
    private static final Set<String> RELATIVE = Set.of("who", "which", "that", "whom", "whose", "where");

    private final WordNetLexicon lexicon;

    QaTemplateRule(WordNetLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The question for the sentence, or null when it is not an invertible declarative sentence. */
    String question(String sentence) {
        if (!sentence.endsWith(".") || sentence.endsWith("..") || !Character.isUpperCase(sentence.charAt(0))
                || sentence.indexOf('"') >= 0 || sentence.indexOf('\u201c') >= 0 || sentence.indexOf(';') >= 0
                || sentence.indexOf(':') >= 0) {
            return null;
        }
        String[] t = sentence.substring(0, sentence.length() - 1).trim().split("\\s+");
        if (t.length < 4 || NO_INVERSION_START.contains(bare(t[0]))) {
            return null;
        }
        for (int i = 1; i < Math.min(t.length - 1, 8); i++) {
            String prev = t[i - 1];
            if (prev.endsWith(",") || prev.endsWith(")") || RELATIVE.contains(bare(prev))) {
                return null;
            }
            if (AUX.contains(t[i])) {
                String subject = Casing.lowerFirst(String.join(" ", Arrays.copyOfRange(t, 0, i)), lexicon);
                String rest = String.join(" ", Arrays.copyOfRange(t, i + 1, t.length));
                return Casing.capitalize(t[i]) + " " + subject + " " + rest + "?";
            }
        }
        return null;
    }

    private static String bare(String token) {
        return token.replaceAll("[^\\p{L}']", "").toLowerCase(Locale.ROOT);
    }
}
