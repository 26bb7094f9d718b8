package dev.tailguard.core.collections;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongRadixSortTest {

    private static void assertSortsLikeArraysSort(long[] in, int n) {
        long[] expected = Arrays.copyOf(in, n);
        Arrays.sort(expected);
        long[] a = in.clone();
        LongRadixSort.sort(a, n, new long[n + 3]);
        assertThat(Arrays.copyOf(a, n)).isEqualTo(expected);
        // keys beyond n are left alone
        assertThat(Arrays.copyOfRange(a, n, a.length)).isEqualTo(Arrays.copyOfRange(in, n, in.length));
    }

    @Test
    void sortsInSignedOrderLikeArraysSort() {
        Random rnd = new Random(5);
        assertSortsLikeArraysSort(new long[0], 0);
        assertSortsLikeArraysSort(new long[] {3}, 1);
        assertSortsLikeArraysSort(new long[] {Long.MAX_VALUE, 0, -1, Long.MIN_VALUE, 1, -1, 0}, 7);
        assertSortsLikeArraysSort(rnd.longs(100_000).toArray(), 100_000);
        assertSortsLikeArraysSort(rnd.longs(10_000).toArray(), 6_000);
        // many duplicates, small range (passes skipped), negative only, descending input
        assertSortsLikeArraysSort(rnd.longs(50_000, -5, 5).toArray(), 50_000);
        assertSortsLikeArraysSort(rnd.longs(50_000, Long.MIN_VALUE, 0).toArray(), 50_000);
        assertSortsLikeArraysSort(LongStream.range(0, 30_000).map(i -> (30_000 - i) << 40).toArray(), 30_000);
        assertSortsLikeArraysSort(LongStream.generate(() -> 7L).limit(1000).toArray(), 1000);
    }

    @Test
    void refusesARangeBeyondTheArrays() {
        assertThatThrownBy(() -> LongRadixSort.sort(new long[4], 5, new long[8]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LongRadixSort.sort(new long[8], 5, new long[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
