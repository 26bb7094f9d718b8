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

    @Test
    void tailAndDriftGivesTheSameNumbersAsTheFullComparison() throws Exception {
        LocalObjectStore s = new LocalObjectStore(dir);
        try (ShardWriter real = new ShardWriter(s, "real/", "part", false, 100)) {
            real.write(Documents.toMap(new Document("a", "the whale swims far and deep tonight", "x", Map.of("party", "D"))));
            real.write(Documents.toMap(new Document("b", "the ship sails home at dawn", "x", Map.of("party", "R"))));
            real.write(Documents.toMap(new Document("c", "a rare harpoon glints", "x", Map.of())));
        }
        try (ShardWriter syn = new ShardWriter(s, "syn/", "part", false, 100)) {
            syn.write(Documents.toMap(new Document("s1", "the whale sails at dawn", "g", Map.of("seed_ids", List.of("a")))));
            syn.write(Documents.toMap(new Document("s2", "a rare whale glints", "g", Map.of("seed_ids", List.of("c")))));
            syn.write(Documents.toMap(new Document("s3", "left out entirely", "g", Map.of("party", "R"))));
        }
        List<String> fields = List.of("party", "era");
        Map<String, Double> full = RealComparison.measure(s, s.list("real/"), d -> !d.id().equals("b"), s.list("syn/"),
                d -> !d.id().equals("s3"), fields);
        Map<String, Double> light = RealComparison.tailAndDrift(s, s.list("real/"), id -> !id.equals("b"),
                s.list("syn/"), id -> !id.equals("s3"), fields, new dev.tailguard.core.gate.DriftCounts(fields));
        assertThat(light).containsOnlyKeys("tail_coverage_n1", "drift_tv_party", "drift_tv_era");
        assertThat(full.get("tail_coverage_n1")).isGreaterThan(0.0).isLessThan(1.0);
        light.forEach((k, v) -> assertThat(v).as(k).isEqualTo(full.get(k)));
    }
}
