package dev.tailguard.core.generate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UsageTest {

    @Test
    void accumulatesPerStyleAndTotalAndMerges() {
        Usage a = new Usage();
        a.recordCall("easy", 100, 40, false, 0, false, 0.5);
        a.recordCall("easy", 80, 0, false, 2, true, 0.2);
        a.recordCall("qa", 50, 25, true, 1, false, 0.1);
        Usage b = new Usage();
        b.setBudget(1000L, null);
        b.recordCall("qa", 10, 5, false, 0, false, 0.05);
        b.recordSkipped("qa");
        b.markBudgetExhausted("token budget 1000 spent");
        a.merge(b);

        Usage.Counts easy = a.perStyle().get("easy");
        assertThat(easy).isEqualTo(new Usage.Counts(180, 40, 2, 2, 1, 0, 0, 0.7));
        Usage.Counts t = a.total();
        assertThat(t.promptTokens()).isEqualTo(240);
        assertThat(t.completionTokens()).isEqualTo(70);
        assertThat(t.totalTokens()).isEqualTo(310);
        assertThat(t.requests()).isEqualTo(4);
        assertThat(t.retries()).isEqualTo(3);
        assertThat(t.failures()).isEqualTo(1);
        assertThat(t.skipped()).isEqualTo(1);
        assertThat(t.estimatedRequests()).isEqualTo(1);
        assertThat(t.cost()).isCloseTo(0.85, within(1e-12));
        assertThat(a.budgetExhausted()).isTrue();

        Map<String, Object> m = a.toMap();
        assertThat(m).containsEntry("estimated", true);
        @SuppressWarnings("unchecked") Map<String, Object> total = (Map<String, Object>) m.get("total");
        assertThat(total).containsEntry("prompt_tokens", 240L).containsEntry("total_tokens", 310L)
                .containsEntry("estimated", true);
        @SuppressWarnings("unchecked") Map<String, Object> budget = (Map<String, Object>) m.get("budget");
        assertThat(budget).containsEntry("tokens", 1000L).containsEntry("exhausted", true)
                .containsEntry("detail", "token budget 1000 spent");
        @SuppressWarnings("unchecked") Map<String, Object> ps = (Map<String, Object>) m.get("per_style");
        assertThat(ps).containsOnlyKeys("easy", "qa");
        @SuppressWarnings("unchecked") Map<String, Object> easyMap = (Map<String, Object>) ps.get("easy");
        assertThat(easyMap).containsEntry("estimated", false).containsEntry("failures", 1L);
    }
}
