package dev.tailguard.core.stats;

import dev.tailguard.core.collections.LongCountMap;
import dev.tailguard.core.collections.LongHashSet;

/**
 * Leave-one-document-out values of statistics built on distinct units (n-gram or type hashes) of a batch, in two
 * streaming passes over the documents: {@link #count} each document once (document frequency per unit), then
 * {@link #unique} each document again in the same order (units no other document has). Removing document i lowers
 * the distinct count by exactly its unique units, so
 * <ul>
 *   <li>distinct-n (distinct / total n-grams): θ₍ᵢ₎ = (D − uᵢ) / (T − tᵢ), {@link #distinctShare};</li>
 *   <li>coverage of a fixed target set (tail types reproduced / tail types): θ₍ᵢ₎ = (C − uᵢ) / K,
 *       {@link #coverage}.</li>
 * </ul>
 * Memory: one map entry per distinct unit.
 */
public final class DistinctUnits {

    private final LongCountMap documentFrequency = new LongCountMap(1 << 12);
    private long[] totals = new long[64];
    private int documents;
    private long[] unique;
    private int second;

    /** Pass 1: one document's units (with repeats; {@code total} counts them all). */
    public void count(long[] units) {
        LongHashSet seen = new LongHashSet(Math.max(16, units.length));
        for (long u : units) {
            if (seen.add(u)) {
                documentFrequency.add(u, 1);
            }
        }
        if (documents == totals.length) {
            totals = java.util.Arrays.copyOf(totals, documents * 2);
        }
        totals[documents++] = units.length;
    }

    /** Pass 2: the same document again (same order as pass 1). */
    public void unique(long[] units) {
        if (unique == null) {
            unique = new long[documents];
        }
        if (second >= documents) {
            throw new IllegalStateException("pass 2 saw more documents than pass 1 (" + documents + ")");
        }
        LongHashSet seen = new LongHashSet(Math.max(16, units.length));
        long u = 0;
        for (long x : units) {
            if (seen.add(x) && documentFrequency.get(x) == 1) {
                u++;
            }
        }
        unique[second++] = u;
    }

    /** Documents counted. */
    public int documents() {
        return documents;
    }

    /** Distinct units over all documents. */
    public long distinct() {
        return documentFrequency.size();
    }

    /** Leave-one-out distinct / total units. */
    public double[] distinctShare() {
        requireBothPasses();
        long total = 0;
        for (int i = 0; i < documents; i++) {
            total += totals[i];
        }
        long d = distinct();
        double full = total == 0 ? 0 : (double) d / total;
        double[] out = new double[documents];
        for (int i = 0; i < documents; i++) {
            long t = total - totals[i];
            out[i] = t == 0 ? full : (double) (d - unique[i]) / t;
        }
        return out;
    }

    /** Leave-one-out coverage of {@code targets} units (the counted units must all be targets). */
    public double[] coverage(long targets) {
        requireBothPasses();
        double[] out = new double[documents];
        long c = distinct();
        for (int i = 0; i < documents; i++) {
            out[i] = targets == 0 ? 0 : (double) (c - unique[i]) / targets;
        }
        return out;
    }

    private void requireBothPasses() {
        if (second != documents) {
            throw new IllegalStateException("pass 2 saw " + second + " of " + documents + " documents");
        }
    }
}
