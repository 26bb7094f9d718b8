package dev.tailguard.core.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gopher quality rules (Rae et al. 2021, datatrove defaults; collapse-anchors §8): computes the rule values of a
 * document; {@link #failure(Map)} is the policy that names the first failed rule.
 */
public final class GopherQuality {

    private static final Set<String> STOP_WORDS = Set.of("the", "be", "to", "of", "and", "that", "have", "with");
    private static final String PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2014\u2013\u201c\u201d\u2018\u2019";

    private GopherQuality() {
    }

    /** Rule values by name: gopher_words, gopher_mean_word_length, gopher_hash_ratio, gopher_ellipsis_ratio,
     * gopher_bullet_lines, gopher_ellipsis_lines, gopher_alpha_words, gopher_stop_words. */
    public static Map<String, Object> values(String text, List<String> whitespaceTokens) {
        int words = 0;
        long chars = 0;
        int alpha = 0;
        int stop = 0;
        for (String w : whitespaceTokens) {
            String stripped = strip(w);
            if (!stripped.isEmpty()) {
                words++;
                chars += stripped.length();
            }
            if (w.chars().anyMatch(Character::isLetter)) {
                alpha++;
            }
            if (STOP_WORDS.contains(stripped.toLowerCase(java.util.Locale.ROOT))) {
                stop++;
            }
        }
        int total = whitespaceTokens.size();
        long hashes = text.chars().filter(c -> c == '#').count();
        long ellipses = count(text, "...") + count(text, "\u2026");
        String[] lines = text.split("\n");
        int nonEmpty = 0;
        int bullet = 0;
        int ellLines = 0;
        for (String l : lines) {
            String t = l.strip();
            if (t.isEmpty()) {
                continue;
            }
            nonEmpty++;
            if (t.startsWith("\u2022") || t.startsWith("-") || t.startsWith("*")) {
                bullet++;
            }
            if (t.endsWith("...") || t.endsWith("\u2026")) {
                ellLines++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gopher_words", words);
        m.put("gopher_mean_word_length", DiversityAccumulator.round(words == 0 ? 0 : (double) chars / words));
        m.put("gopher_hash_ratio", DiversityAccumulator.round(total == 0 ? 0 : (double) hashes / total));
        m.put("gopher_ellipsis_ratio", DiversityAccumulator.round(total == 0 ? 0 : (double) ellipses / total));
        m.put("gopher_bullet_lines", DiversityAccumulator.round(nonEmpty == 0 ? 0 : (double) bullet / nonEmpty));
        m.put("gopher_ellipsis_lines", DiversityAccumulator.round(nonEmpty == 0 ? 0 : (double) ellLines / nonEmpty));
        m.put("gopher_alpha_words", DiversityAccumulator.round(total == 0 ? 0 : (double) alpha / total));
        m.put("gopher_stop_words", stop);
        return m;
    }

    /** The first failed rule as a reason ({@code gopher_words: 12 < 50}), or null when all pass. */
    public static String failure(Map<String, Object> v) {
        double words = num(v, "gopher_words");
        if (words < 50 || words > 100_000) {
            return "gopher_words: " + (long) words + " outside [50, 100000]";
        }
        double mwl = num(v, "gopher_mean_word_length");
        if (mwl < 3 || mwl > 10) {
            return "gopher_mean_word_length: " + mwl + " outside [3, 10]";
        }
        if (num(v, "gopher_hash_ratio") > 0.1) {
            return "gopher_hash_ratio: " + v.get("gopher_hash_ratio") + " > 0.1";
        }
        if (num(v, "gopher_ellipsis_ratio") > 0.1) {
            return "gopher_ellipsis_ratio: " + v.get("gopher_ellipsis_ratio") + " > 0.1";
        }
        if (num(v, "gopher_bullet_lines") > 0.9) {
            return "gopher_bullet_lines: " + v.get("gopher_bullet_lines") + " > 0.9";
        }
        if (num(v, "gopher_ellipsis_lines") > 0.3) {
            return "gopher_ellipsis_lines: " + v.get("gopher_ellipsis_lines") + " > 0.3";
        }
        if (num(v, "gopher_alpha_words") < 0.8) {
            return "gopher_alpha_words: " + v.get("gopher_alpha_words") + " < 0.8";
        }
        if (num(v, "gopher_stop_words") < 2) {
            return "gopher_stop_words: " + v.get("gopher_stop_words") + " < 2";
        }
        return null;
    }

    private static double num(Map<String, Object> v, String k) {
        return ((Number) v.get(k)).doubleValue();
    }

    private static String strip(String w) {
        int a = 0;
        int b = w.length();
        while (a < b && PUNCT.indexOf(w.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && PUNCT.indexOf(w.charAt(b - 1)) >= 0) {
            b--;
        }
        return w.substring(a, b);
    }

    private static long count(String s, String sub) {
        long n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
            n++;
        }
        return n;
    }
}
