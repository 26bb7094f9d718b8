package dev.tailguard.core.gate;

import dev.tailguard.core.corpus.Memorisation;
import dev.tailguard.core.corpus.RealTextIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemorisedSpanGateTest {

    private static List<String> words(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    @Test
    void aDocumentCopyingMoreThanTheMaximumVerbatimIsQuarantinedWithATypedReason() {
        RealTextIndex real = new RealTextIndex();
        real.add(words("r", 200));
        MemorisedSpanGate gate = new MemorisedSpanGate(MemorisedSpanGate.DEFAULT_MAX_TOKENS);

        List<String> copied = new ArrayList<>(words("s", 10));
        copied.addAll(words("r", 80).subList(10, 70)); // 60 real tokens verbatim
        copied.addAll(words("t", 10));
        var exceeded = gate.check("syn-1", Memorisation.analyse(real, copied));
        assertThat(exceeded).hasValueSatisfying(e -> {
            assertThat(e.documentId()).isEqualTo("syn-1");
            assertThat(e.longestSpan()).isEqualTo(60);
            assertThat(e.maxTokens()).isEqualTo(50);
            assertThat(e.start()).isEqualTo(10);
            assertThat(e.detail()).startsWith("memorised_span: verbatim span of 60 tokens").contains("> max 50");
        });

        List<String> quoted = new ArrayList<>(words("s", 10));
        quoted.addAll(words("r", 40).subList(0, 40)); // 40 tokens: a quotation, under the maximum
        assertThat(gate.check("syn-2", Memorisation.analyse(real, quoted))).isEmpty();
    }

    @Test
    void theMaximumCannotBeBelowTheThirteenTokenMatchUnit() {
        assertThatThrownBy(() -> new MemorisedSpanGate(12)).hasMessageContaining(">= 13");
    }
}
