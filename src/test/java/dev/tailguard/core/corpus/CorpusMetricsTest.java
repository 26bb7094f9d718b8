package dev.tailguard.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailguard.core.metrics.UnigramCounts;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorpusMetricsTest {

    static List<String> t(String s) {
        return Tokenizer.words(s);
    }

    @Test
    void tailCoverageAndTypeRecall() {
        NgramCountState real = new NgramCountState(1);
        real.add(t("a b a c"));
        NgramCountState syn = new NgramCountState(1);
        syn.add(t("b d"));
        // real counts a=2 b=1 c=1; rare (<=1) {b, c}, synthetic has b -> 1/2; types {a,b,c}, found {b} -> 1/3
        assertThat(NgramCountState.tailCoverage(real, syn, 1)).isEqualTo(0.5);
        assertThat(NgramCountState.typeRecall(real, syn)).isEqualTo(1.0 / 3);
        // k = 2 makes every real type rare: {a,b,c} -> 1/3
        assertThat(NgramCountState.tailCoverage(real, syn, 2)).isEqualTo(1.0 / 3);
    }

    @Test
    void memorisationLongestOverlapWithSpan() {
        RealTextIndex real = new RealTextIndex(3);
        real.add(t("the white whale swam in the sea"));
        // synthetic 3-grams: we saw the / saw the white / the white whale* / white whale swam* / whale swam far
        Memorisation.DocResult r = Memorisation.analyse(real, t("we saw the white whale swam far"));
        assertThat(r.grams()).isEqualTo(5);
        assertThat(r.found()).isEqualTo(2);
        assertThat(r.memorisedShare()).isEqualTo(0.4);
        // "the white whale swam": 4 tokens from synthetic index 2, real position 0
        assertThat(r.longest()).isEqualTo(4);
        assertThat(r.start()).isEqualTo(2);
        assertThat(r.realStart()).isEqualTo(0);
    }

    @Test
    void overlapsDoNotCrossRealDocuments() {
        RealTextIndex real = new RealTextIndex(3);
        real.add(t("a b c"));
        real.add(t("d e f"));
        // abc found, bcd cde not, def found; longest is 3, not 6
        Memorisation.DocResult r = Memorisation.analyse(real, t("a b c d e f"));
        assertThat(r.found()).isEqualTo(2);
        assertThat(r.grams()).isEqualTo(4);
        assertThat(r.longest()).isEqualTo(3);
        assertThat(real.tokens()).isEqualTo(6);
        Memorisation.DocResult none = Memorisation.analyse(real, t("x y z a b"));
        assertThat(none.longest()).isZero();
        assertThat(none.start()).isEqualTo(-1);
    }

    @Test
    void unigramKlLaplace() {
        UnigramCounts p = new UnigramCounts();
        p.add(List.of("a", "b"));
        UnigramCounts q = new UnigramCounts();
        q.add(List.of("a", "a"));
        // V={a,b}: p = (.5,.5), q = (3/4, 1/4) -> .5 ln(.5/.75) + .5 ln(.5/.25) = .5 ln(4/3)
        assertThat(UnigramKl.divergence(p, q)).isCloseTo(0.5 * Math.log(4.0 / 3), within(1e-12));
        assertThat(UnigramKl.divergence(p, p)).isZero();
    }

    @Test
    void representationDrift() {
        FieldDistribution real = new FieldDistribution("party");
        for (String v : List.of("a", "a", "b", "b")) {
            real.add(Map.of("party", v));
        }
        FieldDistribution syn = new FieldDistribution("party");
        for (String v : List.of("a", "a", "a")) {
            syn.add(Map.of("party", v));
        }
        syn.add(Map.of());
        // real a .5 b .5; synthetic a .75 <missing> .25 -> (.25 + .5 + .25)/2
        assertThat(FieldDistribution.totalVariation(real, syn)).isEqualTo(0.5);
        assertThat(syn.shares()).containsEntry(FieldDistribution.MISSING, 0.25);
    }

    @Test
    void eightShardsMergeToOnePass() {
        Random r = new Random(9);
        List<List<String>> docs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            List<String> d = new ArrayList<>();
            for (int j = 0, n = r.nextInt(30); j < n; j++) {
                d.add("w" + r.nextInt(6));
            }
            docs.add(d);
        }
        RealTextIndex real = new RealTextIndex(3);
        docs.subList(0, 10).forEach(real::add);
        NgramCountState oneCounts = new NgramCountState(2);
        UnigramCounts oneUni = new UnigramCounts();
        Memorisation oneMem = new Memorisation(real);
        FieldDistribution oneField = new FieldDistribution("len");
        NgramCountState mCounts = new NgramCountState(2);
        UnigramCounts mUni = new UnigramCounts();
        Memorisation mMem = new Memorisation(real);
        FieldDistribution mField = new FieldDistribution("len");
        for (int s = 0; s < 8; s++) {
            NgramCountState c = new NgramCountState(2);
            UnigramCounts u = new UnigramCounts();
            Memorisation m = new Memorisation(real);
            FieldDistribution f = new FieldDistribution("len");
            for (List<String> d : docs.subList(s * 10, s * 10 + 10)) {
                for (var x : List.of(c, oneCounts)) {
                    x.add(d);
                }
                u.add(d);
                oneUni.add(d);
                m.add(d);
                oneMem.add(d);
                f.add(Map.of("len", d.size() % 3));
                oneField.add(Map.of("len", d.size() % 3));
            }
            mCounts.merge(c);
            mUni.merge(u);
            mMem.merge(m);
            mField.merge(f);
        }
        assertThat(mCounts.total()).isEqualTo(oneCounts.total());
        assertThat(mCounts.types()).isEqualTo(oneCounts.types());
        assertThat(NgramCountState.typeRecall(oneCounts, mCounts)).isEqualTo(1.0);
        assertThat(mUni.types()).isEqualTo(oneUni.types());
        assertThat(mUni.total()).isEqualTo(oneUni.total());
        assertThat(UnigramKl.divergence(oneUni, mUni)).isZero();
        assertThat(mUni.zipf()).isEqualTo(oneUni.zipf());
        assertThat(mMem.memorisedShare()).isEqualTo(oneMem.memorisedShare());
        assertThat(mMem.longest()).isEqualTo(oneMem.longest()).isGreaterThanOrEqualTo(3);
        assertThat(mField.shares()).isEqualTo(oneField.shares());
    }
}
