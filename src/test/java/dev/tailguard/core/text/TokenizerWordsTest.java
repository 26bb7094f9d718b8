package dev.tailguard.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Tokenizer#words} on a char buffer (the profiled hot spot of issue 12) gives exactly the tokens of the
 * former StringBuilder version, kept here as the reference.
 */
class TokenizerWordsTest {

    @Test
    void sameTokensAsTheStringBuilderVersion() throws IOException {
        List<String> texts = new ArrayList<>(List.of("", "a", "Don't stop — it's 1999’s end.",
                "naïve cafe\u0301 résumé", "x".repeat(100) + " Y".repeat(40), "emoji \uD83D\uDE00 done",
                "'quoted' o'clock rock'n'roll ' trailing'", "tab\tnew\nline\u00a0nbsp \u0007bell",
                "İstanbul ΣΊΣΥΦΟΣ ǅemal", "\u0301leading mark", "a\uD83Dz"));
        for (String slice : List.of("/collapse/moby-dick-slice.jsonl", "/collapse/sotu-slice.jsonl")) {
            try (InputStream in = getClass().getResourceAsStream(slice)) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        for (String t : texts) {
            assertThat(Tokenizer.words(t)).as(t.length() > 60 ? t.substring(0, 60) : t).isEqualTo(reference(t));
        }
    }

    @Test
    void everyCharInContextGivesTheReferenceTokens() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String t = "Ab" + (char) c + "c'd " + (char) c;
            assertThat(Tokenizer.words(t)).as("U+%04X", c).isEqualTo(reference(t));
        }
    }

    /** The StringBuilder implementation this change replaced. */
    static List<String> reference(CharSequence text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder(24);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || (Character.getType(c) == Character.NON_SPACING_MARK && cur.length() > 0)) {
                cur.append(Character.toLowerCase(c));
            } else if ((c == '\'' || c == '\u2019') && cur.length() > 0 && i + 1 < n
                    && Character.isLetter(text.charAt(i + 1)) && Character.isLetter(text.charAt(i - 1))) {
                cur.append('\'');
            } else {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    out.add(text.subSequence(i, i + 2).toString());
                    i++;
                } else if (!Character.isWhitespace(c) && !Character.isISOControl(c) && c != '\u00a0') {
                    out.add(punct(c));
                }
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String punct(char c) {
        return switch (c) {
            case '\u2014', '\u2013', '\u2012', '\u2015' -> "-";
            case '\u201c', '\u201d', '\u201e' -> "\"";
            case '\u2018', '\u2019' -> "'";
            default -> String.valueOf(c);
        };
    }
}
