package dev.tailguard.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GopherQualityRulesTest {

    static Map<String, RuleResult> byName(List<RuleResult> rs) {
        return rs.stream().collect(Collectors.toMap(RuleResult::name, r -> r));
    }

    @Test
    void valuesOnSmallText() {
        String text = "The cat and the dog.\n• one...\n#tag";
        Map<String, RuleResult> r = byName(new GopherQualityRules().apply(text));
        // words (tokens with a letter/digit): the cat and the dog one tag = 7, 21 chars
        assertThat(r.get("gopher_short_doc").value()).isEqualTo(7);
        assertThat(r.get("gopher_short_doc").dropReason()).isEqualTo("gopher_short_doc");
        assertThat(r.get("gopher_long_doc").kept()).isTrue();
        assertThat(r.get("gopher_below_avg_threshold").value()).isEqualTo(3.0);
        assertThat(r.get("gopher_below_avg_threshold").kept()).isTrue();
        // one '#' and one "..." over 7 words
        assertThat(r.get("gopher_too_many_hashes").value()).isEqualTo(1.0 / 7);
        assertThat(r.get("gopher_too_many_hashes").kept()).isFalse();
        assertThat(r.get("gopher_too_many_ellipsis").value()).isEqualTo(1.0 / 7);
        // 3 lines: one starts with a bullet, one ends with "..."
        assertThat(r.get("gopher_too_many_bullets").value()).isEqualTo(1.0 / 3);
        assertThat(r.get("gopher_too_many_bullets").kept()).isTrue();
        assertThat(r.get("gopher_too_many_end_ellipsis").value()).isEqualTo(1.0 / 3);
        assertThat(r.get("gopher_too_many_end_ellipsis").kept()).isFalse();
        assertThat(r.get("gopher_below_alpha_threshold").value()).isEqualTo(1.0);
        // the, and, the
        assertThat(r.get("gopher_enough_stop_words").value()).isEqualTo(3);
        assertThat(r.get("gopher_enough_stop_words").kept()).isTrue();
        assertThat(r).hasSize(10);
    }

    @Test
    void alphaRatioAndEmptyText() {
        // words: 12 34 abc -> 1 of 3 has a letter
        Map<String, RuleResult> r = byName(new GopherQualityRules().apply("12 34 abc"));
        assertThat(r.get("gopher_below_alpha_threshold").value()).isEqualTo(1.0 / 3);
        assertThat(r.get("gopher_below_alpha_threshold").kept()).isFalse();
        Map<String, RuleResult> e = byName(new GopherQualityRules().apply(""));
        assertThat(e.get("gopher_short_doc").kept()).isFalse();
        assertThat(e.get("gopher_too_many_hashes").value()).isZero();
    }

    @Test
    void policyReportsFirstReasonAndCanDisableRules() {
        List<RuleResult> rs = new GopherQualityRules().apply("The cat and the dog.\n• one...\n#tag");
        QualityPolicy.Decision d = new QualityPolicy().decide(rs);
        assertThat(d.keep()).isFalse();
        assertThat(d.reason()).isEqualTo("gopher_short_doc");
        assertThat(d.failed()).containsExactly("gopher_short_doc", "gopher_too_many_hashes",
                "gopher_too_many_ellipsis", "gopher_too_many_end_ellipsis");
        QualityPolicy lenient = new QualityPolicy(java.util.Set.of("gopher_short_doc", "gopher_too_many_hashes",
                "gopher_too_many_ellipsis", "gopher_too_many_end_ellipsis"));
        assertThat(lenient.decide(rs).keep()).isTrue();
        assertThat(lenient.decide(rs).reason()).isNull();
    }
}
