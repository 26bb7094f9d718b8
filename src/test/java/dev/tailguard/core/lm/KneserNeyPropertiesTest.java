package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Orders 2..6 on a synthetic Zipf-like corpus: normalisation, ARPA round trip, sampling sanity. */
class KneserNeyPropertiesTest {
    static List<List<String>> corpus(long seed, int sentences) {
        SplittableRandom r = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < sentences; i++) {
            int len = r.nextInt(12);
            List<String> s = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                // skewed word choice so counts-of-counts are populated
                int w = (int) Math.floor(Math.pow(r.nextDouble(), 3) * 60);
                s.add("w" + w);
            }
            out.add(s);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void distributionsSumToOne(int order) {
        KneserNeyModel m = KneserNeyModel.train(corpus(order, 3000), order);
        assertThat(m.orderStats()).hasSize(order);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            if (m.contains("w" + i)) {
                words.add("w" + i);
            }
        }
        words.add("</s>");
        words.add("<unk>");
        List<List<String>> contexts = List.of(List.of(), List.of("<s>"), List.of("<s>", "w0"), List.of("w0", "w1"),
                List.of("w0", "w0", "w0", "w0", "w0"), List.of("w3", "w1", "w0", "w2", "w0"), List.of("nope", "w0"));
        for (List<String> ctx : contexts) {
            double sum = 0;
            for (String w : words) {
                sum += Math.pow(10, m.log10Prob(ctx, w));
            }
            assertThat(sum).as("Σ p(w | %s), order %d", ctx, order).isCloseTo(1.0, within(1e-4));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void arpaRoundTripEvaluatesIdentically(int order) throws IOException {
        KneserNeyModel m = KneserNeyModel.train(corpus(7, 2000), order);
        StringWriter sw = new StringWriter();
        m.writeArpa(sw);
        KneserNeyModel back = KneserNeyModel.readArpa(new StringReader(sw.toString()));
        assertThat(back.order()).isEqualTo(order);
        assertThat(back.vocabSize()).isEqualTo(m.vocabSize());
        assertThat(back.orderStats()).isEmpty();
        List<List<String>> held = corpus(99, 300);
        held.add(List.of("unseen", "w1"));
        PerplexityResult a = m.evaluate(held);
        PerplexityResult b = back.evaluate(held);
        assertThat(b).isEqualTo(a);
        StringWriter again = new StringWriter();
        back.writeArpa(again);
        assertThat(again.toString()).isEqualTo(sw.toString());
        assertThat(sw.toString()).startsWith("\\data\\\nngram 1=" + m.vocabSize() + "\n").endsWith("\\end\\\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void noExtensionFlagMarksExactlyTheZeroBackoffNonContexts(int order) throws IOException {
        KneserNeyModel trained = KneserNeyModel.train(corpus(21, 1500), order);
        StringWriter sw = new StringWriter();
        trained.writeArpa(sw);
        KneserNeyModel fromArpa = KneserNeyModel.readArpa(new StringReader(sw.toString()));
        for (KneserNeyModel m : List.of(trained, fromArpa)) {
            int flagged = 0;
            for (int k = 2; k < order; k++) {
                java.util.Set<List<Integer>> contexts = new java.util.HashSet<>();
                for (int e = 0; e < m.ngrams(k + 1); e++) {
                    int[] w = m.words(k + 1, e);
                    contexts.add(java.util.Arrays.stream(w, 0, k).boxed().toList());
                }
                LongIntHashMap t = m.tables[k];
                long[] slots = t.slots();
                for (int i = 0; i < t.capacity(); i++) {
                    if (slots[2 * i] == LongIntHashMap.EMPTY) {
                        continue;
                    }
                    long v = slots[2 * i + 1];
                    int e = (int) v & LongIntHashMap.ENTRY_MASK;
                    boolean context = contexts.contains(java.util.Arrays.stream(m.words(k, e)).boxed().toList());
                    boolean expectFlag = !context && m.logBackoff[k][e] == 0f;
                    assertThat((v & LongIntHashMap.NO_EXTENSION) != 0).as("order %d n-gram %d", k, e)
                            .isEqualTo(expectFlag);
                    assertThat(Float.floatToRawIntBits(LongIntHashMap.prob(v)))
                            .isEqualTo(Float.floatToRawIntBits(m.logProb[k][e]));
                    flagged += expectFlag ? 1 : 0;
                }
            }
            if (order >= 3) {
                assertThat(flagged).as("some n-grams of order 2..%d extend no further", order - 1).isPositive();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void minimisedQueryStateScoresBitIdenticallyToFullState(int order) {
        KneserNeyModel m = KneserNeyModel.train(corpus(5, 1500), order);
        List<List<String>> held = corpus(77, 400);
        held.add(List.of("unseen", "w1", "w2", "unseen", "w0"));
        held.add(List.of());
        for (List<String> sentence : held) {
            KneserNeyModel.State full = m.beginSentence();
            double expected = 0;
            for (String w : sentence) {
                expected += m.score(full, m.vocab.id(w));
            }
            expected += m.score(full, Vocabulary.EOS);
            assertThat(Double.doubleToRawLongBits(m.log10Sentence(sentence))).as("%s", sentence)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 6})
    void samplerShortcutStateEqualsLookupState(int order) {
        KneserNeyModel m = KneserNeyModel.train(corpus(13, 2000), order);
        Sampler sampler = new Sampler(m);
        SplittableRandom r = new SplittableRandom(8);
        int shortcuts = 0;
        int lazy = 0;
        for (int sent = 0; sent < 500; sent++) {
            KneserNeyModel.State fast = m.beginSentence();
            KneserNeyModel.State slow = m.beginSentence();
            for (int t = 0; t < 50; t++) {
                int w = sampler.drawExact(fast, r);
                if (w == Vocabulary.EOS) {
                    break;
                }
                if (fast.hitOrder > 0) {
                    sampler.advanceFrom(fast, fast.hitEntry, fast.hitOrder);
                    shortcuts++;
                } else {
                    sampler.fill(fast);
                    m.advance(fast, w);
                }
                m.advance(slow, w);
                assertThat(fast.len).isEqualTo(slow.len);
                if (fast.filled > 0) {
                    lazy++;
                }
                // the next draw reads the lazy state itself; its filled copy must equal the lookup state
                KneserNeyModel.State filled = new KneserNeyModel.State(order);
                System.arraycopy(fast.ctx, 0, filled.ctx, 0, order);
                filled.len = fast.len;
                filled.filled = fast.filled;
                sampler.fill(filled);
                for (int j = 0; j < slow.len; j++) {
                    assertThat(filled.ctx[j]).isEqualTo(slow.ctx[j]);
                    if (j >= fast.filled) {
                        assertThat(fast.ctx[j]).isEqualTo(slow.ctx[j]);
                    }
                }
            }
        }
        assertThat(shortcuts).isPositive();
        if (order > 2) {
            assertThat(lazy).as("states whose suffix chain was left to be computed").isPositive();
        }
    }

    @Test
    void malformedArpaNamesTheLine() {
        String arpa = "\\data\\\nngram 1=2\nngram 2=1\n\n\\1-grams:\n-1\ta\t0\n-1\tb\t0\n\n\\2-grams:\n"
                + "-0.5\ta c\n\n\\end\\\n";
        assertThatThrownBy(() -> KneserNeyModel.readArpa(new StringReader(arpa)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 10")
                .hasMessageContaining("'c'");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void samplesAreWellFormed(int order) {
        KneserNeyModel m = KneserNeyModel.train(corpus(11, 2000), order);
        SplittableRandom r = new SplittableRandom(5);
        long tokens = 0;
        for (int i = 0; i < 2000; i++) {
            List<String> s = m.sample(r, SamplingOptions.DEFAULT);
            assertThat(s).doesNotContain("<unk>", "<s>", "</s>");
            assertThat(s).allSatisfy(w -> assertThat(m.contains(w)).isTrue());
            tokens += s.size();
        }
        assertThat(tokens).isPositive();
        List<String> capped = m.sample(r, new SamplingOptions(1.0, 0, 3));
        assertThat(capped.size()).isLessThanOrEqualTo(3);
    }
}
