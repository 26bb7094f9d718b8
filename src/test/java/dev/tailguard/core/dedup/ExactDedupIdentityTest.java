package dev.tailguard.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.IdentityInputs;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactDedup#normalize} with a char buffer and per-char ASCII lower-casing (issue 12) gives exactly the former
 * StringBuilder version's text, kept here as the oracle; hence the same keys.
 */
class ExactDedupIdentityTest {

    @Test
    void sameNormalisedTextAsTheFormerVersion() {
        List<String> texts = new ArrayList<>(IdentityInputs.texts(3000, 5L));
        StringBuilder everyChar = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            everyChar.append(c).append(c < 128 ? "Ab " : " ");
        }
        texts.add(everyChar.toString());
        texts.add("ΣΊΣΥΦΟΣ İSTANBUL ﬁ ＡＢＣ  ＿x＿");
        for (String t : texts) {
            assertThat(ExactDedup.normalize(t)).as(t.length() > 60 ? t.substring(0, 60) : t).isEqualTo(oracle(t));
        }
    }

    /** The former {@code normalize}. */
    private static String oracle(String text) {
        boolean ascii = text.chars().allMatch(c -> c < 128);
        String s = (ascii ? text : Normalizer.normalize(text, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = sb.length() > 0;
            } else if (!isPunctuation(c)) {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isPunctuation(char c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
