package dev.tailguard.core.generate.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a subordinate clause across its main clause: "After the war, the nation grew." becomes "The nation grew
 * after the war." and "The nation grew because trade expanded." becomes "Because trade expanded, the nation
 * grew." Only sentences with one comma (or none), no quotes and no semicolons qualify.
 */
final class ClauseReorderRule {

    static final String NAME = "clause_reorder";
    private static final String SUB = "because|although|though|if|when|unless|after|before|once|while|since|until";
    private static final Pattern FRONTED = Pattern.compile(
            "^(?i:(" + SUB + "))\\s+([^,;:\"\u201c\u201d]+?),\\s+([^,;:\"\u201c\u201d]+?)([.!?])$");
    /** No trailing "if"/"when"/"since": after verbs like "know" or "ask" they open complements, not adjuncts. */
    private static final String TRAILING_SUB = "because|although|though|unless|after|before|once|while|until";
    private static final Pattern TRAILING = Pattern.compile(
            "^([^,;:\"\u201c\u201d]+?),?\\s+(" + TRAILING_SUB + ")\\s+([^,;:\"\u201c\u201d]+?)([.!?])$");

    private final WordNetLexicon lexicon;

    ClauseReorderRule(WordNetLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The reordered sentence, or null when the rule does not apply. */
    String apply(String sentence) {
        Matcher f = FRONTED.matcher(sentence);
        if (f.matches() && words(f.group(3)) >= 2 && words(f.group(2)) >= 2 && Character.isUpperCase(sentence.charAt(0))) {
            return Casing.capitalize(f.group(3)) + " " + f.group(1).toLowerCase(java.util.Locale.ROOT) + " "
                    + Casing.lowerFirst(f.group(2), lexicon) + f.group(4);
        }
        Matcher t = TRAILING.matcher(sentence);
        if (t.matches() && words(t.group(1)) >= 2 && words(t.group(3)) >= 2 && Character.isUpperCase(sentence.charAt(0))
                && !startsWithSubordinator(t.group(1)) && !MODIFIED.contains(lastWord(t.group(1)))) {
            return Casing.capitalize(t.group(2)) + " " + t.group(3) + ", " + Casing.lowerFirst(t.group(1), lexicon)
                    + t.group(4);
        }
        return null;
    }

    /** "not because", "long before", "even though": the clause is modified in place and cannot move alone. */
    private static final java.util.Set<String> MODIFIED = java.util.Set.of("not", "only", "just", "even", "long",
            "shortly", "soon", "right", "ever", "immediately", "simply", "partly", "mainly", "largely", "precisely");

    private static String lastWord(String s) {
        String[] w = s.trim().split("\\s+");
        return w[w.length - 1].toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean startsWithSubordinator(String s) {
        String first = s.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return ("|" + SUB + "|").contains("|" + first + "|");
    }

    private static int words(String s) {
        return s.trim().split("\\s+").length;
    }
}
