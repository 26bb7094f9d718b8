package dev.tailguard.core.pipeline;

import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreDistributionsTest {

    @TempDir
    Path dir;

    private static final List<String> FIELDS = List.of("tokens", "perplexity");

    /** Score records d0..d(n-1) with tokens = i and perplexity = 2i, split over two shards in the given order. */
    private LocalObjectStore scores(int n, boolean reversed) throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve(reversed ? "rev" : "fwd"));
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int k = reversed ? n - 1 - i : i;
            String line = "{\"id\":\"d" + k + "\",\"tokens\":" + k + ",\"perplexity\":" + (2 * k)
                    + (k % 10 == 0 ? ",\"note\":\"x\"" : "") + "}\n";
            (i < n / 2 ? a : b).append(line);
        }
        store.put("scores/a.jsonl", a.toString().getBytes(StandardCharsets.UTF_8));
        store.put("scores/b.jsonl", b.toString().getBytes(StandardCharsets.UTF_8));
        return store;
    }

    @Test
    void belowTheCapEveryDocumentIsPlotted() throws Exception {
        ScoreDistributions.Sample s = ScoreDistributions.read(scores(50, false), List.of("scores/a.jsonl",
                "scores/b.jsonl"), FIELDS, 100);
        assertThat(s.documents()).isEqualTo(50);
        assertThat(s.sampled()).isEqualTo(50);
        double[] tokens = s.columns().get("tokens").clone();
        Arrays.sort(tokens);
        assertThat(tokens).hasSize(50).startsWith(0.0, 1.0).endsWith(49.0);
        assertThat(Arrays.stream(s.columns().get("perplexity")).sum()).isEqualTo(2 * 49 * 50 / 2.0);
    }

    @Test
    void aboveTheCapTheSampleIsBoundedAndTheSameWhateverTheOrder() throws Exception {
        List<String> keys = List.of("scores/a.jsonl", "scores/b.jsonl");
        ScoreDistributions.Sample fwd = ScoreDistributions.read(scores(3000, false), keys, FIELDS, 256);
        ScoreDistributions.Sample rev = ScoreDistributions.read(scores(3000, true), keys, FIELDS, 256);
        assertThat(fwd.documents()).isEqualTo(3000);
        assertThat(fwd.sampled()).isEqualTo(256);
        assertThat(fwd.columns().get("tokens")).hasSize(256).containsExactly(rev.columns().get("tokens"));
        assertThat(fwd.columns().get("perplexity")).containsExactly(rev.columns().get("perplexity"));
        // a row keeps its own values: perplexity = 2 × tokens for every sampled document
        for (int i = 0; i < 256; i++) {
            assertThat(fwd.columns().get("perplexity")[i]).isEqualTo(2 * fwd.columns().get("tokens")[i]);
        }
        // the sample spreads over the corpus rather than taking its first documents
        assertThat(Arrays.stream(fwd.columns().get("tokens")).max().orElseThrow()).isGreaterThan(2000);
    }

    @Test
    void aFieldADocumentLacksIsLeftOutOfThatColumnOnly() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("gap"));
        store.put("s.jsonl", "{\"id\":\"a\",\"tokens\":3}\n{\"id\":\"b\",\"tokens\":4,\"perplexity\":9.5}\n"
                .getBytes(StandardCharsets.UTF_8));
        ScoreDistributions.Sample s = ScoreDistributions.read(store, List.of("s.jsonl"), FIELDS, 10);
        assertThat(s.columns().get("tokens")).containsExactlyInAnyOrder(3.0, 4.0);
        assertThat(s.columns().get("perplexity")).containsExactly(9.5);
    }
}
