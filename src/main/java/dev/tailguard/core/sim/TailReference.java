package dev.tailguard.core.sim;

import dev.tailguard.core.metrics.LongCountMap;
import dev.tailguard.core.metrics.LongHashSet;
import dev.tailguard.core.metrics.NgramHash;
import java.util.List;

/**
 * The real training split's n-gram types, for {@code type_recall} (share of real n-gram types that a text
 * reproduces) and {@code tail_coverage} (the same restricted to the real tail: types with real count ≤ k;
 * issue 4 point 5, collapse-anchors §10). N-grams never cross a sentence boundary; types are 64-bit hashes.
 * Package-private: the simulator's minimal copy until {@code core.corpus} provides these metrics.
 */
final class TailReference {

    private final int n;
    private final int maxCount;
    private final LongCountMap counts = new LongCountMap(1 << 16);
    private final long tailTypes;

    TailReference(List<List<String>> real, int n, int maxCount) {
        this.n = n;
        this.maxCount = maxCount;
        for (List<String> s : real) {
            long[] th = NgramHash.tokens(s);
            for (int i = 0; i + n <= th.length; i++) {
                counts.add(key(th, i), 1);
            }
        }
        long[] tail = {0};
        counts.forEach((k, c) -> {
            if (c <= maxCount) {
                tail[0]++;
            }
        });
        tailTypes = tail[0];
    }

    private long key(long[] th, int i) {
        return n == 1 ? th[i] : NgramHash.ngram(th, i, n);
    }

    int n() {
        return n;
    }

    int maxCount() {
        return maxCount;
    }

    long realTypes() {
        return counts.size();
    }

    long tailTypes() {
        return tailTypes;
    }

    /** {type_recall, tail_coverage} of a text. */
    double[] coverage(Iterable<List<String>> text) {
        LongHashSet seen = new LongHashSet(1 << 16);
        long recalled = 0, tail = 0;
        for (List<String> s : text) {
            long[] th = NgramHash.tokens(s);
            for (int i = 0; i + n <= th.length; i++) {
                long k = key(th, i);
                if (seen.add(k)) {
                    long c = counts.get(k);
                    if (c > 0) {
                        recalled++;
                        if (c <= maxCount) {
                            tail++;
                        }
                    }
                }
            }
        }
        return new double[] {counts.size() == 0 ? 0 : (double) recalled / counts.size(),
                tailTypes == 0 ? 0 : (double) tail / tailTypes};
    }
}
