package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The probing tables of a model: raw values, duplicate keys refused, KenLM's load factor. */
class LongIntHashMapTest {

    @Test
    void probingTableFindsEveryKeyAndRefusesDuplicates() {
        int n = 10_000;
        LongIntHashMap t = LongIntHashMap.probing(n);
        assertThat(t.capacity()).isEqualTo((n * 3 + 1) / 2 + 1);
        SplittableRandom r = new SplittableRandom(3);
        long[] keys = new long[n];
        Set<Long> seen = new HashSet<>();
        for (int e = 0; e < n; e++) {
            long k;
            do {
                k = NgramTables.extend(NgramTables.unigram(r.nextInt(1000), 0), r.nextInt(1000));
            } while (!seen.add(k));
            keys[e] = k;
            boolean flag = e % 3 == 0;
            assertThat(t.putNew(k, LongIntHashMap.value(e, -1.5f - e, flag))).isTrue();
        }
        assertThat(t.putNew(keys[17], LongIntHashMap.value(99, 0f, false))).isFalse();
        assertThat(t.size()).isEqualTo(n);
        for (int e = 0; e < n; e++) {
            assertThat(t.get(keys[e])).isEqualTo(e);
            int slot = LongIntHashMap.findPremixed(t.slots(), t.capacity(), keys[e]);
            long v = t.slots()[2 * slot + 1];
            assertThat(LongIntHashMap.prob(v)).isEqualTo(-1.5f - e);
            assertThat((v & LongIntHashMap.NO_EXTENSION) != 0).isEqualTo(e % 3 == 0);
        }
        long absent = NgramTables.extend(NgramTables.unigram(5000, 0), 5000);
        assertThat(t.get(absent)).isEqualTo(-1);
        assertThat(LongIntHashMap.findPremixed(t.slots(), t.capacity(), absent)).isEqualTo(-1);
    }

    @Test
    void keysAreNonNegativeAndDependOnSeedAndWordOrder() {
        long ab = NgramTables.extend(NgramTables.unigram(1, 0), 2);
        long ba = NgramTables.extend(NgramTables.unigram(2, 0), 1);
        assertThat(ab).isNotEqualTo(ba).isNotNegative();
        assertThat(NgramTables.extend(NgramTables.unigram(1, 1), 2)).isNotEqualTo(ab);
    }
}
