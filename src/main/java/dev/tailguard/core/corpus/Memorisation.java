package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.NgramHash;
import java.util.List;

/**
 * Novelty and memorisation of synthetic text against a {@link RealTextIndex}: the share of synthetic k-grams
 * (k = 13) found verbatim in the real corpus, and per document the longest verbatim overlap in tokens with its span
 * (exact: maximal matches are extended token by token from every left-maximal k-gram occurrence; at most
 * {@link #MAX_OCCURRENCES} occurrences of one k-gram are tried, and {@link DocResult#truncated()} says when that cap
 * was hit, making the length a lower bound). Overlaps shorter than k are reported as 0. Mergeable state: sums and
 * the maximum.
 */
public final class Memorisation {

    /** Cap on occurrences followed per synthetic position. */
    public static final int MAX_OCCURRENCES = 1000;

    /**
     * Per-document result.
     *
     * @param grams      synthetic k-grams
     * @param found      of which occur in the real corpus
     * @param longest    longest verbatim overlap in tokens (0 when below k)
     * @param start      start token index of that overlap in the synthetic document (−1 when none)
     * @param realStart  start position in the real index token array (−1 when none)
     * @param truncated  true when an occurrence cap was hit
     */
    public record DocResult(long grams, long found, int longest, int start, int realStart, boolean truncated) {
        /** found / grams; 0 without k-grams. */
        public double memorisedShare() {
            return grams == 0 ? 0.0 : (double) found / grams;
        }
    }

    private final RealTextIndex real;
    private long grams;
    private long found;
    private long documents;
    private long documentsWithOverlap;
    private int longest;

    /** A state against the real index. */
    public Memorisation(RealTextIndex real) {
        this.real = real;
    }

    /** Analyses one synthetic document and adds it to the state. */
    public DocResult add(List<String> tokens) {
        DocResult r = analyse(real, tokens);
        grams += r.grams();
        found += r.found();
        documents++;
        if (r.longest() > 0) {
            documentsWithOverlap++;
        }
        longest = Math.max(longest, r.longest());
        return r;
    }

    /** Analyses one synthetic document. */
    public static DocResult analyse(RealTextIndex real, List<String> tokens) {
        int k = real.k();
        long[] s = NgramHash.tokens(tokens);
        long grams = Math.max(0, s.length - k + 1);
        long found = 0;
        int best = 0;
        int bestStart = -1;
        int bestReal = -1;
        boolean truncated = false;
        for (int i = 0; i + k <= s.length; i++) {
            long g = NgramHash.ngram(s, i, k);
            int occ = real.head(g);
            if (occ == 0) {
                continue;
            }
            found++;
            int tried = 0;
            for (; occ != 0; occ = real.next(occ - 1)) {
                if (++tried > MAX_OCCURRENCES) {
                    truncated = true;
                    break;
                }
                int p = occ - 1;
                if (i > 0 && p > 0 && s[i - 1] == real.token(p - 1)) {
                    continue;
                }
                int len = 0;
                while (i + len < s.length && s[i + len] == real.token(p + len)) {
                    len++;
                }
                if (len >= k && len > best) {
                    best = len;
                    bestStart = i;
                    bestReal = p;
                }
            }
        }
        return new DocResult(grams, found, best, bestStart, bestReal, truncated);
    }

    /** Adds the other state's sums (same real index assumed). */
    public void merge(Memorisation other) {
        grams += other.grams;
        found += other.found;
        documents += other.documents;
        documentsWithOverlap += other.documentsWithOverlap;
        longest = Math.max(longest, other.longest);
    }

    /** Share of all synthetic k-grams found in the real corpus (memorisation); 1 − this is novelty. */
    public double memorisedShare() {
        return grams == 0 ? 0.0 : (double) found / grams;
    }

    /** Share of documents with a verbatim overlap of at least k tokens. */
    public double documentsWithOverlapShare() {
        return documents == 0 ? 0.0 : (double) documentsWithOverlap / documents;
    }

    /** Longest overlap over all documents (tokens). */
    public int longest() {
        return longest;
    }

    /** Documents analysed. */
    public long documents() {
        return documents;
    }
}
