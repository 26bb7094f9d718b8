package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextPassMergeTest {

    private static List<Document> docs(Random r, int n) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            int words = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 30 : 400);
            for (int w = 0; w < words; w++) {
                sb.append("w").append((int) Math.floor(Math.pow(r.nextDouble(), 3) * 300)).append(w % 11 == 10 ? ". " : " ");
            }
            out.add(new Document("doc-" + r.nextInt(1_000_000) + "-" + i, sb.toString(), "t", Map.of()));
        }
        return out;
    }

    private static void assertSame(TextPass merged, TextPass whole) {
        assertThat(merged.documents()).isEqualTo(whole.documents());
        assertThat(merged.tokens()).isEqualTo(whole.tokens());
        assertThat(merged.counts()).isEqualTo(whole.counts());
        assertThat(merged.windows()).isEqualTo(whole.windows());
        assertThat(merged.lmHeldDocuments()).isEqualTo(whole.lmHeldDocuments());
        var m = merged.model();
        var w = whole.model();
        assertThat(merged.lmTrainedTokens()).isEqualTo(whole.lmTrainedTokens());
        assertThat(merged.lmTrainedDocuments()).isEqualTo(whole.lmTrainedDocuments());
        if (w == null) {
            assertThat(m).isNull();
        } else {
            List<String> probe = List.of("w1", "w2", "w3", "w250", "w7");
            assertThat(m.log10Sentence(probe)).isEqualTo(w.log10Sentence(probe));
        }
    }

    @Test
    void passesOverPartsMergeIntoThePassOverTheWhole() {
        Random r = new Random(5);
        for (int round = 0; round < 60; round++) {
            List<Document> docs = docs(r, r.nextInt(120));
            long cap = 1 + r.nextInt(round % 2 == 0 ? 200 : 20_000);
            int windows = r.nextInt(40);
            Set<String> only = round % 3 == 0 ? null : Set.of("w1", "w2", "w3", "w40", "w299");
            TextPass whole = new TextPass(3, cap, only, 16, windows);
            docs.forEach(whole::add);
            int parts = 1 + r.nextInt(4);
            List<TextPass> ps = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                ps.add(new TextPass(3, cap, only, 16, windows));
            }
            docs.forEach(d -> ps.get(r.nextInt(parts)).add(d));
            TextPass merged = ps.get(0);
            ps.subList(1, parts).forEach(merged::merge);
            assertSame(merged, whole);
        }
    }

    @Test
    void anUncappedLmOrPassesBuiltDifferentlyDoNotMerge() {
        TextPass uncapped = new TextPass(3, 0, null, 16, 4);
        assertThat(uncapped.mergeable()).isFalse();
        assertThatThrownBy(() -> uncapped.merge(new TextPass(3, 0, null, 16, 4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextPass(3, 10, null, 16, 4).merge(new TextPass(3, 10, null, 16, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextPass(3, 10, null, 16, 4).merge(new TextPass(3, 20, null, 16, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capped at 10 and 20");
    }

    @Test
    void aCountOnlyPassCountsTheSeenTypesOfItsSetAsAFullPassDoes() {
        Random r = new Random(11);
        List<Document> docs = docs(r, 120);
        Set<String> only = Set.of("w1", "w2", "w40", "w299", "never-seen", ".");
        TextPass full = new TextPass(0, 16, 0);
        TextPass some = new TextPass(0, 0, only, 16, 0);
        TextPass none = new TextPass(0, 0, Set.of(), 16, 0);
        for (Document d : docs) {
            full.add(d);
            some.add(d);
            none.add(d);
        }
        Map<String, Long> expected = new java.util.HashMap<>(full.counts());
        expected.keySet().retainAll(only);
        assertThat(expected).containsKey("w1").doesNotContainKey("never-seen");
        assertThat(some.counts()).isEqualTo(expected);
        assertThat(some.countedTypes()).isEqualTo(expected.size());
        assertThat(some.tokens()).isEqualTo(full.tokens()).isEqualTo(none.tokens());
        assertThat(none.counts()).isEmpty();
        assertThat(none.countedTypes()).isZero();
    }

    @Test
    void keptCopiesGiveThePassOfAPassThatTokenisesEveryCopy() {
        Random r = new Random(17);
        List<Document> base = docs(r, 60);
        List<Document> all = new ArrayList<>(base);
        for (int round = 0; round < 3; round++) {
            for (Document d : base) {
                String text = round == 2 && d.text().length() > 3 ? d.text() + " w7" : d.text(); // round 2: variants
                all.add(new Document(d.id() + "~" + round, text, "t", Map.of()));
            }
        }
        for (long maxIds : new long[] {1L << 20, 500}) {
            TextPass plain = new TextPass(3, 2_000, null, 16, 32);
            TextPass kept = new TextPass(3, 2_000, null, 16, 32);
            kept.keepCopies(maxIds);
            for (Document d : all) {
                plain.add(d);
                kept.add(d);
            }
            assertThat(kept.tokens()).isPositive();
            assertSame(kept, plain);
        }
    }
}
