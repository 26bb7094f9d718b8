package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RealComparisonTest {

    @TempDir
    Path dir;

    @Test
    void syntheticDocumentsWithoutTheFieldTakeTheirSeedsValueForDrift() throws Exception {
        LocalObjectStore s = new LocalObjectStore(dir);
        try (ShardWriter real = new ShardWriter(s, "real/", "part", false, 100)) {
            real.write(Documents.toMap(new Document("a", "the whale swims far", "x", Map.of("party", "D"))));
            real.write(Documents.toMap(new Document("b", "the ship sails home", "x", Map.of("party", "R"))));
        }
        try (ShardWriter syn = new ShardWriter(s, "syn/", "part", false, 100)) {
            syn.write(Documents.toMap(new Document("s1", "the whale sails", "g", Map.of("seed_ids", List.of("a")))));
            syn.write(Documents.toMap(new Document("s2", "the whale swims", "g", Map.of("seed_ids", List.of("a")))));
        }
        Map<String, Double> m = RealComparison.measure(s, s.list("real/"), d -> true, s.list("syn/"), d -> true, List.of("party"));
        // real D 1/2, R 1/2; synthetic D 2/2 -> TVD = (|1/2 - 1| + |1/2 - 0|) / 2 = 0.5
        assertThat(m.get("drift_tv_party")).isEqualTo(0.5);
        assertThat(m.get("memorised_13gram_share")).isZero();
    }
}
