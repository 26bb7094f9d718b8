package dev.tailguard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MattrAndDocumentMetricsTest {

    @Test
    void mattr() {
        // windows of 2 over a b a c: ab ba ac, each 2 types -> 1
        assertThat(Mattr.of(List.of("a", "b", "a", "c"), 2)).isEqualTo(1.0);
        // a a b b: aa(1) ab(2) bb(1) -> 4/3/2
        assertThat(Mattr.of(List.of("a", "a", "b", "b"), 2)).isEqualTo(4.0 / 6);
        // window 3 over a b a c: aba(2) bac(3) -> 5/2/3
        assertThat(Mattr.of(List.of("a", "b", "a", "c"), 3)).isEqualTo(5.0 / 6);
        // shorter than the window: plain TTR 2/3
        assertThat(Mattr.of(List.of("a", "a", "b"), 50)).isEqualTo(2.0 / 3);
        assertThat(Mattr.of(List.of(), 50)).isZero();
    }

    @Test
    void documentMetricsFacade() {
        String text = "Write to ann@example.org about the whale.\nThe whale is white.";
        Map<String, Double> m = DocumentMetrics.compute(text);
        // write to ann @ example . org about the whale . the whale is white . = 16 tokens
        assertThat(m.get("tokens")).isEqualTo(16.0);
        assertThat(m.get("chars")).isEqualTo((double) text.length());
        assertThat(m.get("pii_email")).isEqualTo(1.0);
        assertThat(m.get("pii_card")).isZero();
        assertThat(m).containsKeys("gopher_short_doc", "dup_line_frac", "top_2_gram", "duplicated_10_n_grams",
                "too_few_sentences", "line_punct_ratio", "c4_removed_line_frac", "mattr_50");
        assertThat(m.values()).allMatch(v -> !v.isNaN() && !v.isInfinite());
        DocumentMetrics.Result r = DocumentMetrics.evaluate(text, dev.tailguard.core.text.Tokenizer.words(text));
        assertThat(r.rules()).hasSize(10 + 13 + 3 + 4);
    }
}
