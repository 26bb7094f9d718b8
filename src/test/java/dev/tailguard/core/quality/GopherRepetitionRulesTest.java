package dev.tailguard.core.quality;

import static dev.tailguard.core.quality.GopherQualityRulesTest.byName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GopherRepetitionRulesTest {

    @Test
    void linesAndTopNgrams() {
        String text = "a b\na b\nc d"; // 11 chars
        Map<String, RuleResult> r = byName(new GopherRepetitionRules().apply(text));
        // lines: "a b" "a b" "c d" -> 1 duplicate of 3, 3 duplicate chars
        assertThat(r.get("dup_line_frac").value()).isEqualTo(1.0 / 3);
        assertThat(r.get("dup_line_frac").dropReason()).isEqualTo("dup_line_frac");
        assertThat(r.get("dup_line_char_frac").value()).isEqualTo(3.0 / 11);
        assertThat(r.get("dup_para_frac").value()).isZero();
        // tokens a b a b c d; top 2-gram "a b" x2 = 3 chars * 2
        assertThat(r.get("top_2_gram").value()).isEqualTo(6.0 / 11);
        // all trigrams occur once; the first, "a b a", has 5 chars
        assertThat(r.get("top_3_gram").value()).isEqualTo(5.0 / 11);
        assertThat(r.get("top_4_gram").value()).isEqualTo(7.0 / 11);
        assertThat(r.get("duplicated_5_n_grams").value()).isZero();
        assertThat(r).hasSize(13);
    }

    @Test
    void paragraphsAndBlankLines() {
        String text = "p one\n\np two\n\np one"; // 19 chars
        Map<String, RuleResult> r = byName(new GopherRepetitionRules().apply(text));
        assertThat(r.get("dup_para_frac").value()).isEqualTo(1.0 / 3);
        assertThat(r.get("dup_para_char_frac").value()).isEqualTo(5.0 / 19);
        // blank lines are not duplicates: lines p one, p two, p one -> 1 of 3
        assertThat(r.get("dup_line_frac").value()).isEqualTo(1.0 / 3);
    }

    @Test
    void duplicateNgramCharacters() {
        String text = "x y z w v x y z w v"; // 19 chars
        Map<String, RuleResult> r = byName(new GopherRepetitionRules().apply(text));
        // 5-gram at position 5 repeats position 0: tokens 5..9 marked = 5 chars + 4 spaces
        assertThat(r.get("duplicated_5_n_grams").value()).isEqualTo(9.0 / 19);
        assertThat(r.get("duplicated_5_n_grams").kept()).isFalse();
        // the 6-grams (positions 0..4) are all distinct
        assertThat(r.get("duplicated_6_n_grams").value()).isZero();
    }

    @Test
    void overlappingRepeatsCountedOnce() {
        String text = "a a a a a a a"; // 13 chars, 7 tokens
        Map<String, RuleResult> r = byName(new GopherRepetitionRules().apply(text));
        // 5-grams at positions 1 and 2 repeat position 0: tokens 1..6 marked = 6 chars + 5 spaces
        assertThat(r.get("duplicated_5_n_grams").value()).isEqualTo(11.0 / 13);
        // top 2-gram "a a" occurs 6 times, 3 chars each
        assertThat(r.get("top_2_gram").value()).isEqualTo(18.0 / 13);
    }
}
