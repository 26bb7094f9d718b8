package dev.tailguard.core.lm;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An n-gram backoff language model (interpolated modified Kneser-Ney when trained by {@link KneserNeyTrainer}),
 * queried exactly like KenLM: {@code <s>} starts each sentence, {@code </s>} is scored, unknown words score as
 * {@code <unk>}. Immutable and safe for concurrent use once built.
 */
public final class KneserNeyModel {
    final int order;
    final Vocabulary vocab;
    /** Per order k &ge; 2: key of the n-gram's words ({@link NgramTables}) → entry index, probability, flag. */
    final LongIntHashMap[] tables;
    /** Hash seed of the table keys. */
    final long seed;
    final int[][] suffix;
    final int[][] first;
    final int[] sizes;
    final float[][] logProb;
    /** Per order k &lt; order; 0 when the n-gram is not a context. */
    final float[][] logBackoff;
    /** Discounted interpolation weights (a-D)/Σa per n-gram of order &ge; 2, or null (model read from ARPA). */
    final double[][] weight;
    /** Interpolated unigram probabilities with p(&lt;s&gt;)=0, or null (derived from logProb). */
    final double[] unigramProb;
    private final List<OrderStats> stats;
    private volatile Sampler sampler;
    private volatile ByteVocabulary byteVocabulary;

    /**
     * A model from tables keyed by (index of the suffix at order k-1, first word) → entry index (ARPA reading); the
     * query tables ({@link NgramTables}) are built from them.
     */
    KneserNeyModel(int order, Vocabulary vocab, LongIntHashMap[] entryTables, int[][] suffix, int[][] first,
                   float[][] logProb, float[][] logBackoff, double[][] weight, double[] unigramProb,
                   List<OrderStats> stats) {
        this(order, vocab, NgramTables.build(order, NgramTables.prefixes(order, entryTables, suffix, first, logProb),
                suffix, first, logProb, logBackoff), suffix, first, logProb, logBackoff, weight, unigramProb, stats);
    }

    KneserNeyModel(int order, Vocabulary vocab, NgramTables ngramTables, int[][] suffix, int[][] first,
                   float[][] logProb, float[][] logBackoff, double[][] weight, double[] unigramProb,
                   List<OrderStats> stats) {
        this.order = order;
        this.vocab = vocab;
        this.tables = ngramTables.tables;
        this.seed = ngramTables.seed;
        this.suffix = suffix;
        this.first = first;
        this.logProb = logProb;
        this.logBackoff = logBackoff;
        this.weight = weight;
        this.unigramProb = unigramProb;
        this.stats = List.copyOf(stats);
        sizes = new int[order + 1];
        for (int k = 1; k <= order; k++) {
            sizes[k] = logProb[k].length;
        }
    }

    /** Trains a model of the given order (2..6) on the sentences (tokens without sentence markers). */
    public static KneserNeyModel train(Iterable<List<String>> sentences, int order) {
        KneserNeyTrainer t = new KneserNeyTrainer(order);
        for (List<String> s : sentences) {
            t.add(s);
        }
        return t.build();
    }

    /**
     * Reads an ARPA file (as written by {@link #writeArpa} or KenLM); {@link #orderStats()} is then empty.
     *
     * @throws IllegalArgumentException if the ARPA text is malformed (the message names the line)
     * @throws UncheckedIOException if reading fails
     */
    public static KneserNeyModel readArpa(Reader in) {
        try {
            return Arpa.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ARPA: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the model in ARPA format (log10 probabilities and backoff weights, as KenLM's {@code lmplz}).
     *
     * @throws UncheckedIOException if writing fails
     */
    public void writeArpa(Writer out) {
        try {
            Arpa.write(this, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ARPA: " + e.getMessage(), e);
        }
    }

    /**
     * Saves the model in the compact binary format of {@link ModelFile} (magic, version, CRC-32C; about 34 bytes per
     * n-gram of order &ge; 2), written to a temporary file and moved into place.
     *
     * @throws UncheckedIOException if writing fails
     */
    public void save(Path path) {
        try {
            ModelFile.save(this, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write LM file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model saved by {@link #save}: no retraining, queries give bit-identical log10 probabilities.
     *
     * @throws IllegalArgumentException if the file is not a model file of this version or fails its checksum
     * @throws UncheckedIOException if reading fails
     */
    public static KneserNeyModel load(Path path) {
        try {
            return ModelFile.load(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read LM file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates a text file (one sentence per line, whitespace-separated tokens) like KenLM's {@code query}, reading
     * bytes without building a String per token. Same result as {@code evaluate(SentenceFile.of(file))} for files
     * without a lone carriage return (a CR is a token delimiter here, as in KenLM).
     *
     * @throws IllegalArgumentException if the file holds no sentence
     * @throws UncheckedIOException if reading fails
     */
    public PerplexityResult evaluate(Path file) {
        try {
            return ByteQuery.evaluate(this, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    ByteVocabulary byteVocabulary() {
        ByteVocabulary bv = byteVocabulary;
        if (bv == null) {
            synchronized (this) {
                bv = byteVocabulary;
                if (bv == null) {
                    bv = new ByteVocabulary(vocab);
                    byteVocabulary = bv;
                }
            }
        }
        return bv;
    }

    /** Number of n-grams of order k (1..order). */
    public int ngrams(int k) {
        return sizes[k];
    }

    public int order() {
        return order;
    }

    /** Number of unigrams, including {@code <unk>}, {@code <s>} and {@code </s>}. */
    public int vocabSize() {
        return vocab.size();
    }

    /** True if the word is in the vocabulary (the special tokens included). */
    public boolean contains(String word) {
        return vocab.contains(word);
    }

    /** Per-order counts and discounts of a trained model; empty for a model read from ARPA. */
    public List<OrderStats> orderStats() {
        return stats;
    }

    /** True if any order used the fallback discounts. */
    public boolean discountFallbackUsed() {
        return stats.stream().anyMatch(OrderStats::discountFallback);
    }

    /** The model's id of a word ({@code <unk>}'s id when the word is unknown), for {@link #log10Sentence(int[])}. */
    public int wordId(String word) {
        return vocab.id(word);
    }

    /**
     * Total log10 probability of a sentence given as the model's word ids ({@link #wordId}), including {@code </s>}:
     * the same sum, in the same order, as {@link #log10Sentence(List)} of the words.
     */
    public double log10Sentence(int[] wordIds) {
        ByteQuery.Scorer s = new ByteQuery.Scorer(this);
        double sum = 0;
        for (int w : wordIds) {
            sum += s.score(w);
        }
        return sum + s.score(Vocabulary.EOS);
    }

    /**
     * log10 p(word | context) with backoff, as KenLM scores it.
     *
     * @param context preceding words, oldest first; may start with {@code <s>}; longer contexts are truncated
     */
    public double log10Prob(List<String> context, String word) {
        State s = new State(order);
        for (String c : context) {
            advance(s, vocab.id(c));
        }
        return score(s, vocab.id(word));
    }

    /** Total log10 probability of a sentence (tokens without markers), including {@code </s>}. */
    public double log10Sentence(List<String> tokens) {
        ByteQuery.Scorer s = new ByteQuery.Scorer(this);
        double sum = 0;
        for (String t : tokens) {
            sum += s.score(vocab.id(t));
        }
        return sum + s.score(Vocabulary.EOS);
    }

    /**
     * Evaluates held-out sentences like KenLM's {@code query -v summary}.
     *
     * @throws IllegalArgumentException if there is no sentence
     */
    public PerplexityResult evaluate(Iterable<List<String>> sentences) {
        ByteQuery.Scorer s = new ByteQuery.Scorer(this);
        double total = 0;
        double oovTotal = 0;
        long oovs = 0;
        long tokens = 0;
        for (List<String> sentence : sentences) {
            s.reset();
            for (String t : sentence) {
                int w = vocab.id(t);
                double lp = s.score(w);
                if (w == Vocabulary.UNK) {
                    oovs++;
                    oovTotal += lp;
                }
                total += lp;
                tokens++;
            }
            total += s.score(Vocabulary.EOS);
            tokens++;
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no sentences to evaluate");
        }
        double incl = Math.pow(10.0, -total / tokens);
        double excl = Math.pow(10.0, -(total - oovTotal) / (tokens - oovs));
        return new PerplexityResult(incl, excl, oovs, tokens, total);
    }

    /**
     * Samples one sentence (tokens without {@code <s>}/{@code </s>}, never {@code <unk>}). With
     * {@link SamplingOptions#DEFAULT} this draws exactly from the model distribution conditioned on not {@code <unk>}.
     */
    public List<String> sample(RandomGenerator rnd, SamplingOptions opts) {
        Sampler sm = sampler;
        if (sm == null) {
            synchronized (this) {
                sm = sampler;
                if (sm == null) {
                    sm = new Sampler(this);
                    sampler = sm;
                }
            }
        }
        return sm.sentence(rnd, opts);
    }

    // ---- scoring core -------------------------------------------------------------------------------------------

    /** KenLM-style state: indices of the suffixes of the history found in the model, shortest first. */
    static final class State {
        int[] ctx;
        int[] tmp;
        int len;
        /** Set by the sampler: order and index of the n-gram just drawn from the longest context, or order 0. */
        int hitOrder;
        int hitEntry;
        /**
         * Contexts below this index are not computed yet (the sampler's shortcut leaves the suffix chain to be
         * followed when needed); 0 for every state this class makes or advances.
         */
        int filled;

        State(int order) {
            ctx = new int[order];
            tmp = new int[order];
        }

        void reset(int word) {
            ctx[0] = word;
            len = 1;
            filled = 0;
        }
    }

    State beginSentence() {
        State s = new State(order);
        s.reset(Vocabulary.BOS);
        return s;
    }

    int firstWord(int k, int e) {
        return k == 1 ? e : first[k][e];
    }

    /** Scores w after state s (log10, with backoff) and advances s. */
    double score(State s, int w) {
        int[] ctx = s.ctx;
        int[] tmp = s.tmp;
        int len = s.len;
        double lp = logProb[1][w];
        long key = NgramTables.unigram(w, seed);
        int matched = 1;
        tmp[0] = w;
        for (int j = 0; j < len && matched < order; j++) {
            key = NgramTables.extend(key, firstWord(j + 1, ctx[j]));
            int e = tables[j + 2].get(key);
            if (e < 0) {
                break;
            }
            matched = j + 2;
            lp = logProb[matched][e];
            tmp[j + 1] = e;
        }
        for (int j = matched - 1; j < len; j++) {
            lp += logBackoff[j + 1][ctx[j]];
        }
        s.tmp = ctx;
        s.ctx = tmp;
        s.len = Math.min(matched, order - 1);
        s.filled = 0;
        return lp;
    }

    /** log10 p(w | state s) without advancing s. */
    double peek(State s, int w) {
        int[] ctx = s.ctx;
        int len = s.len;
        double lp = logProb[1][w];
        long key = NgramTables.unigram(w, seed);
        int matched = 1;
        for (int j = 0; j < len && matched < order; j++) {
            key = NgramTables.extend(key, firstWord(j + 1, ctx[j]));
            int e = tables[j + 2].get(key);
            if (e < 0) {
                break;
            }
            matched = j + 2;
            lp = logProb[matched][e];
        }
        for (int j = matched - 1; j < len; j++) {
            lp += logBackoff[j + 1][ctx[j]];
        }
        return lp;
    }

    /** Advances s by w without scoring. */
    void advance(State s, int w) {
        int[] ctx = s.ctx;
        int[] tmp = s.tmp;
        int len = s.len;
        long key = NgramTables.unigram(w, seed);
        int matched = 1;
        tmp[0] = w;
        for (int j = 0; j < len && matched < order - 1; j++) {
            key = NgramTables.extend(key, firstWord(j + 1, ctx[j]));
            int e = tables[j + 2].get(key);
            if (e < 0) {
                break;
            }
            matched = j + 2;
            tmp[j + 1] = e;
        }
        s.tmp = ctx;
        s.ctx = tmp;
        s.len = matched;
        s.filled = 0;
    }

    /** Table key of n-gram e of order k. */
    long key(int k, int e) {
        return k == 1 ? NgramTables.unigram(e, seed) : NgramTables.extend(key(k - 1, suffix[k][e]), first[k][e]);
    }

    /** Index at order k of the n-gram (first word, words of the suffix n-gram at order k-1), or -1. */
    int find(int k, int suffixEntry, int firstWord) {
        return tables[k].get(NgramTables.extend(key(k - 1, suffixEntry), firstWord));
    }

    /** Word ids of n-gram e of order k, oldest first. */
    int[] words(int k, int e) {
        int[] w = new int[k];
        for (int i = 0, kk = k; kk >= 1; i++, kk--) {
            w[i] = firstWord(kk, e);
            if (kk > 1) {
                e = suffix[kk][e];
            }
        }
        return w;
    }
}
