package dev.tailguard.core.quality;

import dev.tailguard.core.metrics.DocumentMetrics;
import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentPolicyTest {

    private static final RuleResult SHORT = RuleResult.min(RuleFamily.GOPHER_QUALITY, "gopher_short_doc", 12, 50);
    private static final RuleResult DUP_LINES = RuleResult.max(RuleFamily.GOPHER_REPETITION, "dup_line_frac", 0.5, 0.3);
    private static final RuleResult LOREM = RuleResult.max(RuleFamily.C4, "lorem_ipsum", 1, 0);
    private static final RuleResult FINE = RuleResult.max(RuleFamily.FINEWEB, "list_ratio", 0.9, 0.1);
    private static final RuleResult OK = RuleResult.max(RuleFamily.GOPHER_QUALITY, "gopher_long_doc", 12, 100000);

    @Test
    void anExactDuplicateComesFirstWithTheFirstIdInTheDetail() {
        DropReason r = DocumentPolicy.DEFAULT.decide("doc-1", List.of(SHORT)).orElseThrow();
        assertThat(r).isEqualTo(new DropReason.ExactDuplicate("doc-1"));
        assertThat(r.code()).isEqualTo("exact_duplicate");
        assertThat(r.text()).isEqualTo("exact_duplicate: same normalised text as doc-1");
    }

    @Test
    void theFirstFailedGopherRuleIsTheTypedReason() {
        DropReason r = DocumentPolicy.DEFAULT.decide(null, List.of(LOREM, FINE, OK, DUP_LINES, SHORT)).orElseThrow();
        assertThat(r).isInstanceOfSatisfying(DropReason.FailedRule.class, f -> {
            assertThat(f.rule().family()).isEqualTo(RuleFamily.GOPHER_REPETITION);
            assertThat(f.rule().name()).isEqualTo("dup_line_frac");
        });
        assertThat(r.code()).isEqualTo("dup_line_frac");
        assertThat(r.text()).isEqualTo("dup_line_frac: gopher_repetition rule, value 0.5000, threshold 0.3000");
    }

    @Test
    void c4AndFineWebFailuresAreRecordedNotEnforcedByDefault() {
        assertThat(DocumentPolicy.DEFAULT.decide(null, List.of(LOREM, FINE, OK))).isEmpty();
        assertThat(DocumentPolicy.DEFAULT.enforced())
                .containsExactlyInAnyOrder(RuleFamily.GOPHER_QUALITY, RuleFamily.GOPHER_REPETITION);
        DocumentPolicy strict = new DocumentPolicy(EnumSet.allOf(RuleFamily.class));
        assertThat(strict.decide(null, List.of(OK, LOREM, FINE)).orElseThrow().code()).isEqualTo("lorem_ipsum");
        assertThat(new DocumentPolicy(EnumSet.noneOf(RuleFamily.class)).decide(null, List.of(SHORT))).isEmpty();
    }

    @Test
    void theRealRuleSetsTagTheirFamilies() {
        String text = "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my"
                + " purse, and nothing particular to interest me on shore, I thought I would sail about a little.";
        List<RuleResult> rules = DocumentMetrics.evaluate(text, Tokenizer.words(text)).rules();
        assertThat(rules).extracting(RuleResult::family).contains(RuleFamily.values());
        assertThat(rules).filteredOn(r -> r.name().startsWith("gopher_"))
                .allSatisfy(r -> assertThat(r.family()).isEqualTo(RuleFamily.GOPHER_QUALITY));
        DropReason tooShort = DocumentPolicy.DEFAULT.decide(null, rules).orElseThrow();
        assertThat(tooShort.code()).isEqualTo("gopher_short_doc");
    }

    @Test
    void aKeptRuleIsNotADropReason() {
        assertThatThrownBy(() -> new DropReason.FailedRule(OK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gopher_long_doc");
    }
}
