package dev.tailguard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CorpusMetricsMergeTest {

    @Test
    void eightShardsEqualOnePass() {
        Random r = new Random(21);
        String[] vocab = "call me ishmael some years ago never mind how long precisely the whale sea ship".split(" ");
        List<String> docs = new ArrayList<>();
        for (int d = 0; d < 96; d++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, n = 3 + r.nextInt(40); i < n; i++) {
                sb.append(vocab[r.nextInt(vocab.length)]).append(i % 9 == 8 ? ". " : " ");
            }
            docs.add(d % 10 == 3 ? docs.get(d - 1) : sb.toString());
        }
        CorpusMetrics.Params p = new CorpusMetrics.Params(40, 12, 7L, MinHashParams.FINEWEB);
        CorpusMetrics one = new CorpusMetrics(p);
        CorpusMetrics merged = new CorpusMetrics(p);
        for (int s = 0; s < 8; s++) {
            CorpusMetrics shard = new CorpusMetrics(p);
            for (int d = s * 12; d < s * 12 + 12; d++) {
                one.add("d" + d, docs.get(d), Tokenizer.words(docs.get(d)));
                shard.add("d" + d, docs.get(d), Tokenizer.words(docs.get(d)));
            }
            merged.merge(shard);
        }
        Map<String, Double> a = new java.util.HashMap<>(one.summary());
        Map<String, Double> b = new java.util.HashMap<>(merged.summary());
        // compression ratio is defined per gzip member (one per shard): checked in DiversityStateTest
        assertThat(b.remove("compression_ratio")).isLessThanOrEqualTo(a.remove("compression_ratio"));
        assertThat(b).isEqualTo(a);
        assertThat(a.get("near_duplicate_rate")).isGreaterThan(0.0);
        assertThat(merged.pairwise()).isEqualTo(one.pairwise());
    }
}
