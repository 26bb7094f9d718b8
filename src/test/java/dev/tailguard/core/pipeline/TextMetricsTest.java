package dev.tailguard.core.pipeline;

import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextMetricsTest {

    @Test
    void distinctNAndDocumentCounts() {
        DiversityAccumulator acc = new DiversityAccumulator();
        acc.add("a b a b");
        acc.add("c d");
        Map<String, Object> m = acc.metrics();
        // unigrams: a b c d unique of 6; bigrams: "a b","b a","c d" unique of 3+1=4
        assertThat(m.get("distinct_1")).isEqualTo(DiversityAccumulator.round(4.0 / 6));
        assertThat(m.get("distinct_2")).isEqualTo(0.75);
        assertThat(m.get("mean_doc_tokens")).isEqualTo(3.0);
        assertThat(m.get("documents")).isEqualTo(2L);
        assertThat(DiversityAccumulator.distinct(Tokenizer.whitespace("a b a b"), 2)).isEqualTo(2.0 / 3);
    }

    @Test
    void repetitiveTextCompressesMore() {
        assertThat(DiversityAccumulator.compressionRatio("the cat ".repeat(200)))
                .isGreaterThan(DiversityAccumulator.compressionRatio("We the People of the United States, in Order to form a more perfect Union"));
    }

    @Test
    void gopherRulesNameTheFirstFailure() {
        String ok = "The people of the nation have to work with the government and that is the way of things. ".repeat(6);
        Map<String, Object> v = GopherQuality.values(ok, Tokenizer.whitespace(ok));
        assertThat(v.get("gopher_words")).isEqualTo(6 * 18);
        assertThat(GopherQuality.failure(v)).isNull();

        String shortText = "The cat sat on the mat with the dog.";
        assertThat(GopherQuality.failure(GopherQuality.values(shortText, Tokenizer.whitespace(shortText))))
                .isEqualTo("gopher_words: 9 outside [50, 100000]");

        String hashes = "# the # and # of # to # " .repeat(20);
        Map<String, Object> hv = GopherQuality.values(hashes, Tokenizer.whitespace(hashes));
        assertThat(hv.get("gopher_hash_ratio")).isEqualTo(DiversityAccumulator.round(5.0 / 9));
    }
}
