package dev.tailguard.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.IdentityInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link TextLines#paragraphs} without the regex (issue 12) gives exactly the former {@code "\n{2,}"} split of the
 * stripped text.
 */
class TextLinesIdentityTest {

    private static final Pattern PARAGRAPH = Pattern.compile("\\n{2,}");

    @Test
    void paragraphsAreTheFormerRegexSplit() {
        List<String> texts = new ArrayList<>(IdentityInputs.texts(3000, 11L));
        texts.addAll(List.of("\n", "\n\n\n", "a\n\nb", "a\n\n\n\n\nb\n\n", " \n\n a \n \n\n\n\tb\n\nc ", "a\r\n\r\nb",
                "a\n\n \n\nb", "\n\na", "a\nb\nc"));
        for (String t : texts) {
            assertThat(TextLines.paragraphs(t)).as(t.length() > 60 ? t.substring(0, 60) : t).isEqualTo(oracle(t));
        }
    }

    private static List<String> oracle(String text) {
        String s = text.strip();
        return s.isEmpty() ? List.of() : List.of(PARAGRAPH.split(s, -1));
    }
}
