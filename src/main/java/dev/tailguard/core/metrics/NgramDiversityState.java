package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import java.util.Arrays;

/**
 * N-gram diversity score (collapse-anchors §7): NGD = Σ_{n=1..4} |unique n-grams| / |n-grams| over the
 * whitespace-tokenised concatenation of all documents ({@code Tokenizer.whitespace}, case kept), so n-grams do
 * cross document boundaries; range 0–4. Mergeable in order: {@link #merge} treats the other state's documents as
 * following this state's and adds the n-grams spanning the junction (each state keeps its first and last three
 * tokens). N-gram totals are exact; the numbers of unique n-grams are {@link HyperLogLog} estimates (p = 16,
 * relative standard error 0.41% each, 64 KiB per n), so memory is constant and k merged shards equal one pass
 * exactly (register-wise maximum).
 */
public final class NgramDiversityState {

    private static final int N = 4;
    private final HyperLogLog[] sets = new HyperLogLog[N + 1];
    private final long[] total = new long[N + 1];
    private long[] head = new long[0];
    private long[] tail = new long[0];
    private long tokens;

    /** An empty state. */
    public NgramDiversityState() {
        for (int n = 1; n <= N; n++) {
            sets[n] = new HyperLogLog();
        }
    }

    /** Adds one document (its raw text; whitespace tokenisation). */
    public void add(String text) {
        addHashes(NgramHash.whitespaceTokens(text));
    }

    /** Adds one document from whitespace-token hashes. */
    public void addHashes(long[] th) {
        if (th.length == 0) {
            return;
        }
        long[] seq = concat(tail, th);
        count(seq, tail.length);
        absorbEdges(th, th.length);
    }

    private void absorbEdges(long[] otherHead, long otherTokens) {
        if (tokens < N - 1) {
            long[] h = concat(head, otherHead);
            head = Arrays.copyOf(h, (int) Math.min(N - 1, h.length));
        }
        tokens += otherTokens;
    }

    /** Counts the n-grams of seq ending at an index ≥ from, then keeps seq's last three tokens as the tail. */
    private void count(long[] seq, int from) {
        long[] cur = seq.clone();
        int m = seq.length;
        for (int n = 1; n <= N; n++) {
            if (n > 1) {
                m = NgramHash.extend(cur, seq, n);
            }
            for (int i = Math.max(0, from - n + 1); i < m; i++) {
                sets[n].add(cur[i]);
                total[n]++;
            }
        }
        tail = Arrays.copyOfRange(seq, Math.max(0, seq.length - (N - 1)), seq.length);
    }

    /** Appends {@code other}'s documents after this state's. */
    public void merge(NgramDiversityState other) {
        for (int n = 1; n <= N; n++) {
            sets[n].merge(other.sets[n]);
            total[n] += other.total[n];
        }
        if (other.tokens == 0) {
            return;
        }
        long[] seq = concat(tail, other.head);
        for (int n = 2; n <= N; n++) {
            for (int start = 0; start < tail.length; start++) {
                int end = start + n - 1;
                if (end >= tail.length && end < seq.length) {
                    sets[n].add(NgramHash.ngram(seq, start, n));
                    total[n]++;
                }
            }
        }
        long[] newTail = other.tokens >= N - 1 ? other.tail : concat(tail, other.tail);
        absorbEdges(other.head, other.tokens);
        tail = Arrays.copyOfRange(newTail, Math.max(0, newTail.length - (N - 1)), newTail.length);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Estimated |unique n-grams| / |n-grams| for one n in 1..4 (capped at 1); 0 when there are none. */
    public double ratio(int n) {
        return total[n] == 0 ? 0.0 : Math.min(1.0, sets[n].estimate() / total[n]);
    }

    /** NGD = Σ_{n=1..4} ratio(n). */
    public double score() {
        double s = 0;
        for (int n = 1; n <= N; n++) {
            s += ratio(n);
        }
        return s;
    }

    /** Number of n-grams counted for n in 1..4. */
    public long ngramCount(int n) {
        return total[n];
    }

    /** Tokens added. */
    public long tokens() {
        return tokens;
    }
}
