package dev.tailguard.core.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Scores a text file (one sentence per line, tokens separated by {@link SentenceFile#isDelimiter} bytes) the way
 * KenLM's {@code query} does, reading raw bytes in blocks: tokens are looked up by their UTF-8 bytes
 * ({@link ByteVocabulary}) and one {@link Scorer} is reused, so the loop allocates nothing per token.
 * Lines end at LF only (a CR is a token delimiter, as in KenLM); the result equals
 * {@link KneserNeyModel#evaluate} over {@link SentenceFile} for any file without a lone CR.
 */
final class ByteQuery {
    private static final int BLOCK = 1 << 20;

    private ByteQuery() {
    }

    /** Marks the end of a line in the id buffer. */
    private static final int END = -1;

    static PerplexityResult evaluate(KneserNeyModel m, Path file) throws IOException {
        ByteVocabulary bv = m.byteVocabulary();
        Totals t = new Totals(new Scorer(m));
        byte[] buf = new byte[BLOCK];
        int[] ids = new int[BLOCK + 1];
        int len = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean eof = false;
            while (!eof) {
                int n = ch.read(ByteBuffer.wrap(buf, len, buf.length - len));
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
                int consumed = tokenize(bv, buf, len, eof, ids, t);
                t.score(ids, t.count);
                int rest = len - consumed;
                if (rest == buf.length) {
                    // A token longer than the buffer: grow it.
                    buf = Arrays.copyOf(buf, buf.length * 2);
                    ids = new int[buf.length + 1];
                } else {
                    System.arraycopy(buf, consumed, buf, 0, rest);
                }
                len = rest;
            }
        }
        if (t.lineOpen) {
            ids[0] = END;
            t.score(ids, 1);
        }
        if (t.tokens == 0) {
            throw new IllegalArgumentException("no sentences to evaluate in " + file);
        }
        double incl = Math.pow(10.0, -t.total / t.tokens);
        double excl = Math.pow(10.0, -(t.total - t.oovTotal) / (t.tokens - t.oovs));
        return new PerplexityResult(incl, excl, t.oovs, t.tokens, t.total);
    }

    /**
     * Turns the complete tokens of {@code buf[0, len)} into ids ({@link #END} at each LF), stores their number in
     * {@code t.count} and returns how many bytes were consumed (all of them at end of file).
     */
    private static int tokenize(ByteVocabulary bv, byte[] buf, int len, boolean eof, int[] ids, Totals t) {
        int n = 0;
        int pos = 0;
        int tokStart = -1;
        boolean lineOpen = t.lineOpen;
        for (int i = 0; i < len; i++) {
            byte c = buf[i];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0) {
                if (tokStart >= 0) {
                    ids[n++] = bv.id(buf, tokStart, i);
                    tokStart = -1;
                }
                if (c == '\n') {
                    ids[n++] = END;
                    lineOpen = false;
                }
                pos = i + 1;
            } else {
                lineOpen = true;
                if (tokStart < 0) {
                    tokStart = i;
                }
            }
        }
        if (eof && tokStart >= 0) {
            ids[n++] = bv.id(buf, tokStart, len);
            pos = len;
        }
        t.lineOpen = lineOpen;
        t.count = n;
        return pos;
    }

    /** Running sums of a query. */
    private static final class Totals {
        final Scorer s;
        double total;
        double oovTotal;
        long oovs;
        long tokens;
        boolean lineOpen;
        int count;

        Totals(Scorer s) {
            this.s = s;
        }

        void score(int[] ids, int n) {
            Scorer sc = s;
            double tot = total;
            double oovTot = oovTotal;
            long oov = oovs;
            for (int i = 0; i < n; i++) {
                int w = ids[i];
                if (w == END) {
                    tot += sc.score(Vocabulary.EOS);
                    sc.reset();
                } else {
                    double lp = sc.score(w);
                    if (w == Vocabulary.UNK) {
                        oov++;
                        oovTot += lp;
                    }
                    tot += lp;
                }
            }
            total = tot;
            oovTotal = oovTot;
            oovs = oov;
            tokens += n;
        }
    }

    /**
     * The scoring loop of {@link KneserNeyModel#score} with KenLM's state: the state keeps the last words as well as
     * the matched context n-grams, so the key of each order is hashed from the words in the state (the lookups of the
     * orders are independent, as in KenLM); the probability comes from the slot of the longest match (one memory
     * access per order, as in KenLM's probing table); and the state forgets context n-grams flagged {@link LongIntHashMap#NO_EXTENSION}
     * (backoff 0, nothing follows them), so the next word skips lookups that could only miss. The arithmetic is the
     * same in the same order, so the scores are bit-identical to {@link KneserNeyModel#score}.
     */
    static final class Scorer {
        private final int order;
        private final long seed;
        /** Per order k &ge; 2: the table's slot array and capacity. */
        private final long[][] slots;
        private final int[] caps;
        private final float[] unigramLogProb;
        private final float[][] logBackoff;
        private int[] ctx;
        private int[] tmp;
        private final int[] hist;
        private int len;

        Scorer(KneserNeyModel m) {
            order = m.order;
            seed = m.seed;
            slots = new long[order + 1][];
            caps = new int[order + 1];
            for (int k = 2; k <= order; k++) {
                slots[k] = m.tables[k].slots();
                caps[k] = m.tables[k].capacity();
            }
            unigramLogProb = m.logProb[1];
            logBackoff = m.logBackoff;
            ctx = new int[order];
            tmp = new int[order];
            hist = new int[order];
            reset();
        }

        /** Starts a sentence: the context is {@code <s>}. */
        void reset() {
            ctx[0] = Vocabulary.BOS;
            hist[0] = Vocabulary.BOS;
            len = 1;
        }

        /** log10 p(w | state), with backoff; advances the state. */
        double score(int w) {
            int[] c = ctx;
            int[] t = tmp;
            int n = len;
            long key = NgramTables.unigram(w, seed);
            int matched = 1;
            int keep = 1;
            long value = 0;
            t[0] = w;
            for (int j = 0; j < n && matched < order; j++) {
                key = NgramTables.extend(key, hist[j]);
                long[] s = slots[j + 2];
                int i = LongIntHashMap.findPremixed(s, caps[j + 2], key);
                if (i < 0) {
                    break;
                }
                value = s[2 * i + 1];
                matched = j + 2;
                t[j + 1] = (int) value & LongIntHashMap.ENTRY_MASK;
                if ((value & LongIntHashMap.NO_EXTENSION) == 0) {
                    keep = matched;
                }
            }
            double lp = matched == 1 ? unigramLogProb[w] : LongIntHashMap.prob(value);
            for (int j = matched - 1; j < n; j++) {
                lp += logBackoff[j + 1][c[j]];
            }
            tmp = c;
            ctx = t;
            len = Math.min(keep, order - 1);
            for (int j = Math.min(n, order - 2); j > 0; j--) {
                hist[j] = hist[j - 1];
            }
            hist[0] = w;
            return lp;
        }
    }
}
