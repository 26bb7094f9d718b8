package dev.tailguard.core.io;

import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardWriterBytesTest {

    @Test
    void aShardEndsAtItsByteBoundAndNextKeyNamesTheShardEachRecordGoesTo(@TempDir Path dir) {
        LocalObjectStore store = new LocalObjectStore(dir);
        ShardWriter w = new ShardWriter(store, "in/", "part", false, 1000, 250);
        List<String> expectedKeys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expectedKeys.add(w.nextKey());
            w.write(Map.of("id", "d" + i, "text", "x".repeat(80))); // 101 bytes with the line end
        }
        w.close();
        // 101, 202, 303 >= 250: three records per shard, the last shard holding the one left
        assertThat(w.keys()).containsExactly("in/part-00000.jsonl", "in/part-00001.jsonl", "in/part-00002.jsonl",
                "in/part-00003.jsonl");
        assertThat(w.shardCounts()).containsExactly(3L, 3L, 3L, 1L);
        List<String> actualKeys = new ArrayList<>();
        for (String key : w.keys()) {
            Shards.forEachDocument(store, List.of(key), d -> actualKeys.add(key));
        }
        assertThat(actualKeys).isEqualTo(expectedKeys);
        // a record larger than the bound gets a shard of its own; the record count still bounds the shard
        ShardWriter big = new ShardWriter(store, "b/", "part", true, 2, 10);
        big.write(Map.of("id", "a", "text", "long enough"));
        big.write(Map.of("id", "b", "text", "y"));
        big.close();
        assertThat(big.shardCounts()).containsExactly(1L, 1L);
        assertThat(big.keys()).allMatch(k -> k.endsWith(".jsonl.zst"));
        assertThatThrownBy(() -> new ShardWriter(store, "c/", "part", false, 5, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
