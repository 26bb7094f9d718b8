package dev.tailguard.core.quality;

import static dev.tailguard.core.quality.GopherQualityRulesTest.byName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class C4AndFineWebRulesTest {

    static final String TEXT = """
            This is the first sentence. This is the second one.
            Short line.
            Enable javascript in your browser now.
            A third line is here!
            No punctuation at the end here
            We use cookies to track you all.
            Fourth sentence goes here. Fifth one too.""";

    @Test
    void c4LineFilters() {
        // kept: line 1 (2 sentences), line 4 (1), line 7 (2); removed: 2 (<3 words), 3 (javascript),
        // 5 (no terminal punctuation), 6 ("use cookies") -> 5 sentences, 4 of 7 lines removed
        C4Rules.Lines l = new C4Rules().filterLines(TEXT);
        assertThat(l.kept()).hasSize(3);
        assertThat(l.sentences()).isEqualTo(5);
        assertThat(l.removedFraction()).isEqualTo(4.0 / 7);
        Map<String, RuleResult> r = byName(new C4Rules().apply(TEXT));
        assertThat(r.get("too_few_sentences").value()).isEqualTo(5);
        assertThat(r.get("too_few_sentences").kept()).isTrue();
        // FineWeb variant keeps line 5 too: 6 sentences, 3 of 7 removed
        C4Rules.Lines f = new C4Rules(false).filterLines(TEXT);
        assertThat(f.sentences()).isEqualTo(6);
        assertThat(f.removedFraction()).isEqualTo(3.0 / 7);
    }

    @Test
    void c4DocumentRules() {
        Map<String, RuleResult> r = byName(new C4Rules().apply("Lorem ipsum dolor sit amet. x = {1}."));
        assertThat(r.get("lorem_ipsum").dropReason()).isEqualTo("lorem_ipsum");
        assertThat(r.get("curly_bracket").value()).isEqualTo(1);
        assertThat(r.get("curly_bracket").kept()).isFalse();
        assertThat(r.get("too_few_sentences").kept()).isFalse();
    }

    @Test
    void citationMarkersAreStrippedBeforePunctuationCheck() {
        C4Rules.Lines l = new C4Rules().filterLines("The whale is large.[12]");
        assertThat(l.kept()).containsExactly("The whale is large.");
    }

    @Test
    void fineWebRules() {
        String text = "Hello world.\nshort\nshort\nA much longer line that has more than thirty characters!";
        Map<String, RuleResult> r = byName(new FineWebRules().apply(text));
        // 4 lines, 2 end in . or ! -> 0.5
        assertThat(r.get("line_punct_ratio").value()).isEqualTo(0.5);
        assertThat(r.get("line_punct_ratio").kept()).isTrue();
        // lines of <= 30 chars: "Hello world." (12), "short", "short" -> 3/4
        assertThat(r.get("short_line_ratio").value()).isEqualTo(0.75);
        assertThat(r.get("short_line_ratio").dropReason()).isEqualTo("short_line_ratio");
        // second "short" = 5 chars; text 81 chars, 78 without newlines
        assertThat(r.get("char_dup_ratio").value()).isEqualTo(5.0 / 78);
        assertThat(r.get("char_dup_ratio").kept()).isTrue();
        // 3 newlines / 16 tokens
        assertThat(r.get("list_ratio").value()).isEqualTo(3.0 / 16);
    }

    @Test
    void fineWebLinePunctuationDropsAtThreshold() {
        Map<String, RuleResult> r = byName(new FineWebRules().apply("no stop\nnone here\nor here\n\nnor here"));
        assertThat(r.get("line_punct_ratio").value()).isZero();
        assertThat(r.get("line_punct_ratio").dropReason()).isEqualTo("line_punct_ratio");
    }
}
