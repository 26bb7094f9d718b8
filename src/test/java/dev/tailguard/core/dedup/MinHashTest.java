package dev.tailguard.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinHashTest {

    static List<String> words(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("w" + i);
        }
        return out;
    }

    @Test
    void finewebBandingProbability() {
        // §9: 1 - (1 - 0.8^8)^14 = 0.924
        assertThat(MinHashParams.FINEWEB.candidateProbability(0.8)).isCloseTo(0.924, within(0.0005));
        assertThat(MinHashParams.FINEWEB.numHashes()).isEqualTo(112);
    }

    @Test
    void signaturesAreDeterministicAndIgnorePunctuation() {
        MinHash mh = new MinHash(MinHashParams.FINEWEB);
        long[] a = mh.signature(Tokenizer.words("Call me Ishmael, some years ago; never mind how long."));
        long[] b = new MinHash(MinHashParams.FINEWEB).signature(
                Tokenizer.words("call me ishmael some years ago never mind how long"));
        assertThat(a).isEqualTo(b);
        assertThat(MinHash.estimatedJaccard(a, b)).isEqualTo(1.0);
        assertThat(MinHash.isEmpty(mh.signature(List.of(".", "!")))).isTrue();
    }

    @Test
    void jaccardEstimateWithinFourSigma() {
        MinHash mh = new MinHash(new MinHashParams(5, 64, 8, 3));
        // A = w0..w99 (96 shingles), B = w50..w149 (96 shingles); shared shingles start at w50..w95 = 46
        // J = 46 / (96 + 96 - 46) = 0.3151; sigma = sqrt(J(1-J)/512) = 0.0205
        double est = MinHash.estimatedJaccard(mh.signature(words(0, 100)), mh.signature(words(50, 150)));
        assertThat(est).isCloseTo(46.0 / 146, within(4 * 0.0205));
    }

    @Test
    void mergedSignatureIsSignatureOfUnion() {
        MinHash mh = new MinHash(MinHashParams.FINEWEB);
        // shingles of w0..w9 = shingles of w0..w6 plus those of w3..w9 (5-grams starting at 0..2 and 3..5)
        assertThat(MinHash.merge(mh.signature(words(0, 7)), mh.signature(words(3, 10))))
                .isEqualTo(mh.signature(words(0, 10)));
    }

    @Test
    void clustersKeepFirstSeen() {
        LshIndex idx = new LshIndex(MinHashParams.FINEWEB);
        assertThat(idx.add("a", words(0, 200)).duplicate()).isFalse();
        assertThat(idx.add("b", words(1000, 1200)).duplicate()).isFalse();
        // one changed word in 200: J = 190/210 = 0.905 -> candidate with prob 1-(1-0.905^8)^14 > 0.9999
        List<String> near = words(0, 200);
        near.set(100, "changed");
        LshIndex.Added c = idx.add("c", near);
        assertThat(c.duplicate()).isTrue();
        assertThat(c.representative()).isEqualTo("a");
        assertThat(idx.clusterCount()).isEqualTo(2);
        assertThat(idx.nearDuplicateRate()).isEqualTo(1.0 / 3);
        assertThat(idx.duplicateClusters()).containsEntry("a", List.of("a", "c"));
    }

    @Test
    void dedupAgainstEarlierGenerationsAccumulates() {
        LshIndex history = new LshIndex(MinHashParams.FINEWEB);
        List<NearDuplicates.Verdict> g0 = NearDuplicates.dedup(List.of("g0a", "g0b"),
                List.of(words(0, 100), words(0, 100)), history, MinHashParams.FINEWEB, true);
        assertThat(g0).extracting(NearDuplicates.Verdict::keep).containsExactly(true, false);
        assertThat(g0.get(1).reason()).isEqualTo("near_duplicate_batch");
        List<NearDuplicates.Verdict> g1 = NearDuplicates.dedup(List.of("g1a", "g1b"),
                List.of(words(0, 100), words(500, 600)), history, MinHashParams.FINEWEB, true);
        assertThat(g1.get(0).keep()).isFalse();
        assertThat(g1.get(0).duplicateOf()).isEqualTo("g0a");
        assertThat(g1.get(0).reason()).isEqualTo("near_duplicate_earlier");
        assertThat(g1.get(1).keep()).isTrue();
        assertThat(NearDuplicates.nearDuplicateRate(g1)).isEqualTo(0.5);
        assertThat(history.size()).isEqualTo(4);
        assertThat(NearDuplicates.rateAgainst(history, List.of(words(500, 600), words(900, 950)))).isEqualTo(0.5);
    }

    @Test
    void eightShardsMergeToOnePass() {
        Random r = new Random(11);
        List<List<String>> docs = new ArrayList<>();
        for (int d = 0; d < 160; d++) {
            int base = r.nextInt(20) * 1000;
            List<String> w = words(base, base + 60);
            w.set(r.nextInt(60), "x" + r.nextInt(3));
            docs.add(w);
        }
        LshIndex one = new LshIndex(MinHashParams.FINEWEB);
        LshIndex[] shards = new LshIndex[8];
        for (int s = 0; s < 8; s++) {
            shards[s] = new LshIndex(MinHashParams.FINEWEB);
        }
        for (int d = 0; d < docs.size(); d++) {
            one.add("d" + d, docs.get(d));
            shards[d / 20].add("d" + d, docs.get(d));
        }
        for (int s = 1; s < 8; s++) {
            shards[0].merge(shards[s]);
        }
        assertThat(one.clusterCount()).isLessThan(160);
        assertThat(shards[0].size()).isEqualTo(160);
        for (int d = 0; d < docs.size(); d++) {
            assertThat(shards[0].representative(d)).isEqualTo(one.representative(d));
        }
        assertThat(shards[0].duplicateClusters()).isEqualTo(one.duplicateClusters());
    }
}
