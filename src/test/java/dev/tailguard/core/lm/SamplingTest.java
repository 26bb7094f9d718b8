package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Empirical sampling frequencies against the model's probabilities (tiny corpus of KneserNeyTinyCorpusTest). */
class SamplingTest {
    static final List<String> NEXT = List.of("a", "b", "c", "</s>");
    static final int N = 200_000;

    /** p(w | context) for w in NEXT, conditioned on w ≠ &lt;unk&gt;, then tempered / top-k and renormalised. */
    static Map<String, Double> expected(KneserNeyModel m, List<String> ctx, double temperature, int topK) {
        Map<String, Double> p = new LinkedHashMap<>();
        for (String w : NEXT) {
            p.put(w, Math.pow(10, m.log10Prob(ctx, w)));
        }
        if (topK > 0) {
            List<String> keep = p.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(topK).map(Map.Entry::getKey).toList();
            p.keySet().retainAll(keep);
        }
        p.replaceAll((w, v) -> Math.pow(v, 1.0 / temperature));
        double z = p.values().stream().mapToDouble(Double::doubleValue).sum();
        p.replaceAll((w, v) -> v / z);
        return p;
    }

    /** Empirical distribution of the first token and of the token after a first "a". */
    static Map<String, Map<String, Double>> empirical(KneserNeyModel m, SamplingOptions o, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> afterA = new HashMap<>();
        int nA = 0;
        for (int i = 0; i < N; i++) {
            List<String> s = m.sample(r, o);
            first.merge(s.isEmpty() ? "</s>" : s.get(0), 1, Integer::sum);
            if (!s.isEmpty() && s.get(0).equals("a")) {
                nA++;
                afterA.merge(s.size() > 1 ? s.get(1) : "</s>", 1, Integer::sum);
            }
        }
        Map<String, Double> f = new HashMap<>();
        first.forEach((w, c) -> f.put(w, c / (double) N));
        Map<String, Double> a = new HashMap<>();
        int na = nA;
        afterA.forEach((w, c) -> a.put(w, c / (double) na));
        return Map.of("first", f, "afterA", a);
    }

    static void assertClose(Map<String, Double> actual, Map<String, Double> expected) {
        for (String w : NEXT) {
            double e = expected.getOrDefault(w, 0.0);
            assertThat(actual.getOrDefault(w, 0.0)).as("frequency of %s", w).isCloseTo(e, within(0.006));
        }
        assertThat(actual.keySet()).isSubsetOf(NEXT);
    }

    void check(KneserNeyModel m, double temperature, int topK) {
        Map<String, Map<String, Double>> emp = empirical(m, new SamplingOptions(temperature, topK, 0), 17);
        assertClose(emp.get("first"), expected(m, List.of("<s>"), temperature, topK));
        assertClose(emp.get("afterA"), expected(m, List.of("<s>", "a"), temperature, topK));
    }

    @Test
    void exactSamplingFollowsModel() {
        check(KneserNeyTinyCorpusTest.model(), 1.0, 0);
    }

    @Test
    void exactSamplingFromArpaModelFollowsModel() throws IOException {
        StringWriter sw = new StringWriter();
        KneserNeyTinyCorpusTest.model().writeArpa(sw);
        check(KneserNeyModel.readArpa(new StringReader(sw.toString())), 1.0, 0);
    }

    @Test
    void temperatureReshapesDistribution() {
        KneserNeyModel m = KneserNeyTinyCorpusTest.model();
        check(m, 2.0, 0);
        check(m, 0.5, 0);
    }

    @Test
    void topKKeepsMostProbable() {
        KneserNeyModel m = KneserNeyTinyCorpusTest.model();
        check(m, 1.0, 2);
        check(m, 0.7, 2); // top-3 after "a" would tie p(a|a) = p(</s>|a)
        SplittableRandom r = new SplittableRandom(3);
        // greedy: p(a|<s>)=.455 is the maximum, then p(b|a)=.455, then p(</s>|b)=.455
        for (int i = 0; i < 50; i++) {
            assertThat(m.sample(r, new SamplingOptions(1.0, 1, 0))).containsExactly("a", "b");
        }
    }

    @Test
    void fullDistributionFallbackMatchesRejectionTarget() {
        KneserNeyModel m = KneserNeyTinyCorpusTest.model();
        Sampler sampler = new Sampler(m);
        double[][] settings = {{0.5, 0}, {2.0, 0}, {0.7, 2}, {1.0, 3}};
        for (double[] st : settings) {
            SplittableRandom r = new SplittableRandom(23);
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < N; i++) {
                KneserNeyModel.State s = m.beginSentence();
                int w = sampler.drawFull(s, r, st[0], (int) st[1]);
                counts.merge(m.vocab.word(w), 1, Integer::sum);
            }
            Map<String, Double> f = new HashMap<>();
            counts.forEach((w, c) -> f.put(w, c / (double) N));
            assertClose(f, expected(m, List.of("<s>"), st[0], (int) st[1]));
        }
    }

    @Test
    void invalidOptionsRejected() {
        assertThatThrownBy(() -> new SamplingOptions(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SamplingOptions(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SamplingOptions.DEFAULT.exact()).isTrue();
    }
}
