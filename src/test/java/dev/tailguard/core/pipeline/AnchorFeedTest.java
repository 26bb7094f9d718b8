package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.Anchor;
import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import org.junit.jupiter.api.Test;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnchorFeedTest {

    private static final AnchorSplit SPLIT = new AnchorSplit(0.15, AnchorSplit.DEFAULT_SALT);
    private static final CollapseConfig CFG = new CollapseConfig(3, 2, 64, 512, 5, 5, 64, 3, 200, 1L);

    /** Enough documents for several batches (by count and by characters), words from a skewed vocabulary. */
    private static List<Document> corpus() {
        Random r = new Random(7);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            StringBuilder sb = new StringBuilder();
            int words = i % 300 == 0 ? 200_000 : 20 + r.nextInt(300);
            for (int w = 0; w < words; w++) {
                sb.append("w").append((int) Math.floor(Math.pow(r.nextDouble(), 3) * 5000)).append(w % 17 == 16 ? ". " : " ");
            }
            docs.add(new Document("d-" + i, sb.toString(), "test", Map.of()));
        }
        return docs;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {CollapseConfig.DEFAULT_LM_MAX_TOKENS, 50_000L, 0L})
    void theAnchorFedOnItsOwnThreadsIsTheOneASequentialPassFreezes(long lmCap) throws Exception {
        CollapseConfig cfg = new CollapseConfig(3, 2, 64, 512, 5, 5, 64, 3, 200, 1L, lmCap);
        List<Document> docs = corpus();
        AnchorBuilder sequential = new AnchorBuilder(SPLIT, cfg);
        List<Boolean> heldSeq = new ArrayList<>();
        docs.forEach(d -> heldSeq.add(sequential.add(d)));
        Anchor expected = sequential.build(null);

        AnchorBuilder fed = new AnchorBuilder(SPLIT, cfg);
        AnchorFeed feed = new AnchorFeed(fed, () -> new AnchorBuilder(SPLIT, cfg), SPLIT);
        List<Boolean> heldFed = new ArrayList<>();
        docs.forEach(d -> heldFed.add(feed.add(d)));
        Anchor actual = feed.drain().build(null);

        assertThat(heldFed).isEqualTo(heldSeq).contains(true, false);
        assertThat(Json.MAPPER.writeValueAsString(actual)).isEqualTo(Json.MAPPER.writeValueAsString(expected));
    }

    @Test
    void aSyntheticDocumentIsRefusedAtOnceAsByTheBuilder() {
        AnchorFeed feed = new AnchorFeed(new AnchorBuilder(SPLIT, CFG), () -> new AnchorBuilder(SPLIT, CFG), SPLIT);
        feed.add(new Document("r-1", "real text here", "t", Map.of()));
        assertThatThrownBy(() -> feed.add(new Document("s-1", "text", "gen", Map.of("generation", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s-1'");
    }
}
