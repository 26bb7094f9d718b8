package dev.tailguard.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.Tokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticComparisonTest {

    static final String REAL_A = "the old man and the sea went out together on a long and quiet morning tide";
    static final String REAL_B = "a ship sailed";

    static RealReference reference() {
        RealReference r = new RealReference(List.of("party"));
        r.add("a", Tokenizer.words(REAL_A), Map.of("party", "x"));
        r.add("b", Tokenizer.words(REAL_B), Map.of("party", "y"));
        return r;
    }

    @Test
    void comparesSyntheticWithReal() {
        RealReference real = reference();
        SyntheticComparison c = new SyntheticComparison(real);
        // verbatim copy of REAL_A: 16 tokens, 4 13-grams all found, overlap 16 tokens, near duplicate of "a"
        Memorisation.DocResult r = c.add(Tokenizer.words(REAL_A), Map.of("party", "x"));
        assertThat(r.longest()).isEqualTo(16);
        c.add(Tokenizer.words("a ship sailed"), Map.of("party", "x"));
        Map<String, Double> m = c.result();
        assertThat(m.get("documents")).isEqualTo(2.0);
        // every real type is reproduced
        assertThat(m.get("type_recall_n1")).isEqualTo(1.0);
        assertThat(m.get("tail_coverage_n2")).isEqualTo(1.0);
        assertThat(m.get("memorised_13gram_share")).isEqualTo(1.0);
        assertThat(m.get("docs_with_13gram_overlap")).isEqualTo(0.5);
        assertThat(m.get("longest_overlap_tokens")).isEqualTo(16.0);
        // same counts on both sides -> KL 0
        assertThat(m.get("unigram_kl_real_syn")).isZero();
        assertThat(m.get("near_dup_of_real_rate")).isEqualTo(1.0);
        // real x .5 y .5, synthetic x 1 -> TV .5
        assertThat(m.get("drift_tv_party")).isEqualTo(0.5);
    }

    @Test
    void shardsMergeToOnePass() {
        RealReference real = reference();
        List<String> docs = List.of("the old man went out", "a ship sailed on a long and quiet morning tide",
                "nothing in common here", "the sea", "and the sea went out together on a long walk",
                "a ship", "old man", "quiet morning");
        SyntheticComparison one = new SyntheticComparison(real);
        SyntheticComparison merged = new SyntheticComparison(real);
        for (String d : docs) {
            one.add(Tokenizer.words(d), Map.of("party", d.length() % 2 == 0 ? "x" : "y"));
            SyntheticComparison shard = new SyntheticComparison(real);
            shard.add(Tokenizer.words(d), Map.of("party", d.length() % 2 == 0 ? "x" : "y"));
            merged.merge(shard);
        }
        assertThat(merged.result()).isEqualTo(one.result());
        assertThat(one.result().get("type_recall_n1")).isBetween(0.0, 1.0);
    }
}
