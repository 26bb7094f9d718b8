package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.text.IdentityInputs;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link TextPass} copies a window's tokens only when its bounded sample keeps the window (issue 12); the sample is
 * still exactly the {@code maxWindows} windows with the smallest order hash among all windows cut from all documents,
 * and the counts and token totals are unchanged.
 */
class TextPassWindowsTest {

    @Test
    void sampleIsTheBottomKOfEveryWindow() {
        List<String> texts = IdentityInputs.texts(400, 21L);
        for (int maxWindows : new int[] {0, 1, 7, 50, 100_000}) {
            TextPass pass = new TextPass(0, 16, maxWindows);
            List<Window> every = new ArrayList<>();
            long tokens = 0;
            for (int k = 0; k < texts.size(); k++) {
                Document d = new Document("doc-" + k, texts.get(k), "test", Map.of());
                pass.add(d);
                List<String> all = new ArrayList<>();
                Tokenizer.sentences(d.text()).forEach(s -> all.addAll(Tokenizer.words(s)));
                tokens += all.size();
                every.addAll(windows(d.id(), all, 16));
            }
            every.sort(Comparator.comparingLong(Window::order));
            List<Window> expected = every.subList(0, Math.min(maxWindows, every.size()));
            assertThat(pass.windows()).as("maxWindows %d", maxWindows).isEqualTo(expected);
            assertThat(pass.tokens()).isEqualTo(tokens);
            assertThat(every).as("inputs cut more windows than the small samples keep").hasSizeGreaterThan(100);
        }
    }

    /** Every window of one document, cut as {@link TextPass} does (full windows; a short document's only window). */
    private static List<Window> windows(String id, List<String> all, int windowTokens) {
        List<Window> out = new ArrayList<>();
        long group = TextPass.hash(id, -1);
        int minTokens = Math.max(1, windowTokens / 4);
        for (int i = 0, w = 0; i < all.size(); i += windowTokens, w++) {
            int end = Math.min(all.size(), i + windowTokens);
            if (end - i != windowTokens && !(i == 0 && end - i >= minTokens)) {
                break;
            }
            out.add(new Window(group, TextPass.hash(id, w), List.copyOf(all.subList(i, end)), id));
        }
        return out;
    }
}
