package dev.tailguard.core.collections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link LongHashSet} and {@link LongCountMap} agree with the JDK collections through growth, zero and clear. */
class LongCollectionsTest {

    /** Keys with many repeats, the key 0, negative keys and keys that differ only in high bits. */
    private static long[] keys(int n, long seed) {
        Random r = new Random(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (i % 4) {
                case 0 -> r.nextInt(500);
                case 1 -> (long) r.nextInt(300) << 40;
                case 2 -> -r.nextInt(200);
                default -> r.nextLong();
            };
        }
        return out;
    }

    @Test
    void setMatchesHashSet() {
        LongHashSet set = new LongHashSet(2);
        Set<Long> ref = new HashSet<>();
        for (long k : keys(20_000, 7)) {
            assertThat(set.add(k)).isEqualTo(ref.add(k));
        }
        assertThat(set.size()).isEqualTo(ref.size());
        for (long k : keys(5_000, 8)) {
            assertThat(set.contains(k)).as("key %d", k).isEqualTo(ref.contains(k));
        }
        Set<Long> seen = new HashSet<>();
        set.forEach(seen::add);
        assertThat(seen).isEqualTo(ref);
        LongHashSet copy = new LongHashSet();
        copy.addAll(set);
        assertThat(copy.size()).isEqualTo(ref.size());
        set.clear();
        assertThat(set.size()).isZero();
        assertThat(set.contains(0)).isFalse();
    }

    @Test
    void countMapMatchesHashMap() {
        LongCountMap map = new LongCountMap();
        Map<Long, Long> ref = new HashMap<>();
        long[] ks = keys(20_000, 9);
        for (int i = 0; i < ks.length; i++) {
            long delta = 1 + i % 3;
            assertThat(map.add(ks[i], delta)).isEqualTo(ref.merge(ks[i], delta, Long::sum));
        }
        assertThat(map.size()).isEqualTo(ref.size());
        for (long k : keys(5_000, 10)) {
            assertThat(map.get(k)).isEqualTo(ref.getOrDefault(k, 0L));
            assertThat(map.containsKey(k)).isEqualTo(ref.containsKey(k));
        }
        Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(ref);
        LongCountMap twice = new LongCountMap();
        twice.addAll(map);
        twice.addAll(map);
        ref.forEach((k, v) -> assertThat(twice.get(k)).isEqualTo(2 * v));
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(0)).isZero();
        assertThat(map.containsKey(0)).isFalse();
    }
}
