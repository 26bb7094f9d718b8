package dev.tailguard.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailguard.core.collapse.Anchor;
import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseMeasurement;
import dev.tailguard.core.collapse.CollapseSignals;
import dev.tailguard.core.collapse.Signal;
import dev.tailguard.core.collapse.SignalKind;
import dev.tailguard.core.doc.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 model, offline and in-process. */
class MiniLmEmbedderTest {

    static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder();
    }

    @Test
    void unitVectorsThatAreDeterministicAndCloserForRelatedText() {
        List<float[]> v = embedder.embed(List.of(
                "the whale rose from the sea and the harpooners pulled at their oars",
                "a great sperm whale surfaced while the boat crew rowed hard",
                "congress shall raise the tariff on imported manufactured goods"));
        assertThat(v).hasSize(3);
        assertThat(v.get(0)).hasSize(384);
        assertThat(norm(v.get(0))).isCloseTo(1.0, within(1e-4));
        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.2);
        assertThat(embedder.embed(List.of("the whale rose from the sea and the harpooners pulled at their oars"))
                .get(0)).containsExactly(v.get(0));
    }

    @Test
    void embeddingSignalsSeeShuffledWordsAsLostRecallAgainstTheAnchor() {
        CollapseConfig cfg = new CollapseConfig(3, 2, 64, 200, 5, 0, 48, 3, 200, 1L);
        List<Document> real = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            real.add(new Document("d" + i, realText(i), "test", Map.of()));
        }
        AnchorBuilder b = new AnchorBuilder(new AnchorSplit(0.3, "embed-test"), cfg);
        List<Document> input = new ArrayList<>();
        for (Document d : real) {
            if (!b.add(d)) {
                input.add(d);
            }
        }
        Anchor anchor = b.build(embedder);
        assertThat(anchor.embedding().model()).isEqualTo(MiniLmEmbedder.MODEL);
        List<Document> junk = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            junk.add(new Document("j" + i, ("ledger ledger tariff " + i + " ").repeat(30), "junk",
                    Map.of("generation", 1)));
        }
        CollapseMeasurement m = CollapseSignals.measure(anchor, input, junk, embedder);
        Signal p = m.get(SignalKind.EMBEDDING_PRECISION);
        Signal r = m.get(SignalKind.EMBEDDING_RECALL);
        assertThat(p).isNotNull();
        assertThat(r.sampleSize()).isEqualTo(anchor.embedding().count());
        assertThat(r.ci().hi()).isLessThan(r.baseline());
        assertThat(p.ci().hi()).isLessThan(p.baseline());
    }

    private static String realText(int i) {
        String[] topics = {"the whale and the ship at sea", "the harvest and the farmers of the valley",
                "the council debated taxes and roads", "the children walked to school in the snow"};
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            s.append("On day ").append(i * 8 + k).append(", ").append(topics[(i + k) % 4])
                    .append(" were described by witness ").append(k).append(" in plain words. ");
        }
        return s.toString();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
