package dev.tailguard.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemorisedSpansTest {

    @Test
    void findsTheLongestSharedTokenRunWithCharacterOffsets() {
        String seed = "Call me Ishmael. Some years ago, never mind how long precisely.";
        String synthetic = "They said: some years ago , never mind how long! Call me maybe.";

        List<Span> spans = MemorisedSpans.find(seed, synthetic, 4);

        // tokens "some years ago , never mind how long" = 8 tokens, case and spacing ignored
        assertThat(spans).hasSize(1);
        Span s = spans.get(0);
        assertThat(s.tokens()).isEqualTo(8);
        assertThat(synthetic.substring(s.syntheticStart(), s.syntheticEnd())).isEqualTo("some years ago , never mind how long");
        assertThat(seed.substring(s.seedStart(), s.seedEnd())).isEqualTo("Some years ago, never mind how long");
    }

    @Test
    void shortRunsAreNotHighlightedAndSpansDoNotOverlap() {
        String seed = "a b c d e f g h";
        String synthetic = "a b c x c d e f g y a b";

        assertThat(MemorisedSpans.find(seed, synthetic, 3))
                .containsExactly(new Span(0, 5, 0, 5, 3), new Span(8, 17, 4, 13, 5));
        assertThat(MemorisedSpans.find(seed, synthetic, 6)).isEmpty();
        assertThat(MemorisedSpans.find("", synthetic, 1)).isEmpty();
    }
}
