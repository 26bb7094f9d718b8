package dev.tailguard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailguard.core.metrics.DiversityState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiversitySampleTest {

    @Test
    void aBatchUnderTheCapIsMeasuredWhole() {
        long[] hashes = {5, -3, 9};
        long[] tokens = {10, 20, 30};
        DiversitySample s = DiversitySample.fromCounts(hashes, tokens, 100);
        assertThat(s.whole()).isTrue();
        assertThat(s.documents()).isEqualTo(3);
        assertThat(s.tokens()).isEqualTo(60);
        assertThat(s.batchTokens()).isEqualTo(60);
    }

    @Test
    void theCapKeepsTheSmallestHashesWithinTheTokenBudgetWhateverTheOrder() {
        Random r = new Random(7);
        int n = 500;
        List<Integer> idx = new ArrayList<>();
        long[] hashes = new long[n];
        long[] tokens = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = r.nextLong();
            tokens[i] = 1 + r.nextInt(200);
            idx.add(i);
        }
        DiversitySample a = DiversitySample.fromCounts(hashes, tokens, 5_000);
        Collections.shuffle(idx, r);
        long[] h2 = new long[n];
        long[] t2 = new long[n];
        for (int i = 0; i < n; i++) {
            h2[i] = hashes[idx.get(i)];
            t2[i] = tokens[idx.get(i)];
        }
        DiversitySample b = DiversitySample.fromCounts(h2, t2, 5_000);
        assertThat(b).isEqualTo(a);
        assertThat(a.whole()).isFalse();
        assertThat(a.tokens()).isLessThanOrEqualTo(5_000).isGreaterThan(5_000 - 200);
        long inside = 0;
        long insideTokens = 0;
        for (int i = 0; i < n; i++) {
            if (hashes[i] <= a.threshold()) {
                inside++;
                insideTokens += tokens[i];
            }
        }
        assertThat(inside).isEqualTo(a.documents());
        assertThat(insideTokens).isEqualTo(a.tokens());
    }

    @Test
    void oneDocumentLargerThanTheCapIsStillMeasuredAndABadCapIsRefused() {
        DiversitySample s = DiversitySample.fromCounts(new long[]{4, 8}, new long[]{900, 10}, 100);
        assertThat(s.documents()).isEqualTo(1);
        assertThat(s.threshold()).isEqualTo(4);
        assertThat(DiversitySample.fromCounts(new long[0], new long[0], 100).includes("x")).isFalse();
        assertThatThrownBy(() -> DiversitySample.choose(null, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0 tokens");
    }

    @Test
    void aDistinctTwoStateMatchesTheFullStateAndRefusesLargerN() {
        DiversityState full = new DiversityState();
        DiversityState two = new DiversityState(2);
        for (String doc : List.of("the cat sat on the mat", "the cat sat on the hat and the cat ran", "a b a b a b")) {
            List<String> words = List.of(doc.split(" "));
            full.add(words, doc);
            two.add(words, doc);
        }
        assertThat(two.distinct(2)).isEqualTo(full.distinct(2));
        assertThat(two.distinct(1)).isEqualTo(full.distinct(1));
        assertThatThrownBy(() -> two.distinct(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n = 1..2");
        assertThatThrownBy(() -> full.merge(two)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void candidatesOfTasksMergeToTheSampleOfTheWholeBatch() {
        java.util.Random r = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            int n = r.nextInt(400);
            int tasks = 1 + r.nextInt(12);
            long cap = 1 + r.nextInt(round % 3 == 0 ? 100 : 20_000);
            long[] hashes = new long[n];
            long[] tokens = new long[n];
            java.util.List<DiversitySample.Candidates> parts = new java.util.ArrayList<>();
            for (int k = 0; k < tasks; k++) {
                parts.add(new DiversitySample.Candidates(cap));
            }
            for (int i = 0; i < n; i++) {
                String id = "doc-" + round + "-" + i;
                hashes[i] = DiversitySample.hash(id);
                tokens[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 50 : 3_000);
                parts.get(r.nextInt(tasks)).add(id, tokens[i]);
            }
            DiversitySample whole = DiversitySample.fromCounts(hashes, tokens, cap);
            DiversitySample merged = DiversitySample.fromCandidates(parts.stream()
                    .map(DiversitySample.Candidates::encode).toList(), cap);
            assertThat(merged).as("round %d: %d docs, %d tasks, cap %d", round, n, tasks, cap).isEqualTo(whole);
        }
    }

    @Test
    void candidatesCutAtAnotherCapOrTruncatedAreRefused() {
        DiversitySample.Candidates c = new DiversitySample.Candidates(100);
        c.add("a", 10);
        String e = c.encode();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiversitySample.fromCandidates(List.of(e), 200))
                .hasMessageContaining("another cap");
        String cut = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(
                java.util.Base64.getDecoder().decode(e), 40));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DiversitySample.fromCandidates(List.of(cut), 100))
                .hasMessageContaining("1 pairs announced");
    }
}
