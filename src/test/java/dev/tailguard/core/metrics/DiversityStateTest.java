package dev.tailguard.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DiversityStateTest {

    @Test
    void distinctNOverNgramsWithinDocuments() {
        DiversityState s = new DiversityState();
        s.add(List.of("a", "b", "a", "b"));
        s.add(List.of("a", "b", "c"));
        // unigrams: {a,b,c} = 3 of 7 tokens
        assertThat(s.distinct(1)).isEqualTo(3.0 / 7);
        // bigrams: ab ba ab | ab bc -> {ab,ba,bc} = 3 of 5
        assertThat(s.distinct(2)).isEqualTo(3.0 / 5);
        // trigrams: aba bab | abc -> 3 of 3
        assertThat(s.distinct(3)).isEqualTo(1.0);
        // 4-grams: abab | (none) -> 1 of 1
        assertThat(s.distinct(4)).isEqualTo(1.0);
        assertThat(s.documents()).isEqualTo(2);
        assertThat(s.tokens()).isEqualTo(7);
        assertThat(s.meanDocTokens()).isEqualTo(3.5);
    }

    @Test
    void ngramsDoNotCrossDocuments() {
        DiversityState s = new DiversityState();
        s.add(List.of("x", "y"));
        s.add(List.of("z"));
        // only "x y"; no "y z" across the boundary
        assertThat(s.ngramCount(2)).isEqualTo(1);
        assertThat(s.distinct(2)).isEqualTo(1.0);
        assertThat(s.ngramCount(3)).isZero();
        assertThat(s.distinct(3)).isZero();
    }

    @Test
    void compressionRatioMatchesPythonGzipOnOnePass() {
        DiversityState s = new DiversityState();
        for (String d : List.of("the cat sat on the mat", "the cat sat on the mat",
                "a dog barked at the cat and the cat ran")) {
            s.add(Tokenizer.words(d), d);
        }
        // python3: s=' '.join(docs).encode(); len(s)=85, len(gzip.compress(s))=65 (level 9)
        assertThat(s.gzip().rawBytes()).isEqualTo(85);
        assertThat(s.gzip().gzipBytes()).isEqualTo(65);
        assertThat(s.compressionRatio()).isEqualTo(85.0 / 65);
    }

    @Test
    void eightShardsMergeToOnePass() throws IOException {
        Random r = new Random(7);
        String[] vocab = "the of and a to in whale ship sea captain ahab white boat harpoon".split(" ");
        List<String> docs = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, len = 5 + r.nextInt(60); i < len; i++) {
                sb.append(i == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
            }
            docs.add(sb.toString());
        }
        DiversityState one = new DiversityState();
        DiversityState[] shards = new DiversityState[8];
        for (int i = 0; i < 8; i++) {
            shards[i] = new DiversityState();
        }
        for (int d = 0; d < docs.size(); d++) {
            one.add(Tokenizer.words(docs.get(d)), docs.get(d));
            shards[d * 8 / docs.size()].add(Tokenizer.words(docs.get(d)), docs.get(d));
        }
        DiversityState merged = shards[0];
        for (int i = 1; i < 8; i++) {
            merged.merge(shards[i]);
        }
        for (int n = 1; n <= 4; n++) {
            assertThat(merged.distinct(n)).isEqualTo(one.distinct(n));
        }
        assertThat(merged.documents()).isEqualTo(one.documents());
        assertThat(merged.tokens()).isEqualTo(one.tokens());
        assertThat(merged.gzip().rawBytes()).isEqualTo(one.gzip().rawBytes());
        assertThat(one.gzip().gzipBytes()).isEqualTo(gzipLevel9(String.join(" ", docs)));
        // documented definition: a merge is the multi-member gzip of the shards, one member per shard
        long members = 0;
        for (int i = 0; i < 8; i++) {
            members += gzipLevel9(String.join(" ", docs.subList(i * 25, i * 25 + 25)));
        }
        assertThat(merged.gzip().gzipBytes()).isEqualTo(members);
        assertThat(merged.compressionRatio()).isLessThanOrEqualTo(one.compressionRatio());
    }

    private static long gzipLevel9(String s) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bos.size();
    }
}
