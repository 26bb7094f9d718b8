package dev.tailguard.core.calibrate;

import dev.tailguard.core.collapse.Anchor;
import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.RealDocuments;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration corpus split by document id hash into the anchor (held out, measured against), the control's
 * fresh real pool (never trained on, brought as a synthetic batch) and the real input of generation 1.
 *
 * @param anchor      the frozen anchor (generation-0 baseline = the real input)
 * @param anchorShare the anchor share used (the requested one, raised to reach the minimum anchor size)
 * @param anchorWindows classifier windows the anchor holds (counted like the classifier test cuts them)
 * @param real        the real input of generation 1
 * @param fresh       the control's fresh pool
 * @param realTokens  tokens of the real input
 */
record CorpusSplit(Anchor anchor, double anchorShare, int anchorWindows, List<Document> real, List<Document> fresh, long realTokens) {

    /** Tokens per classifier window (the collapse signals' default). */
    static final int WINDOW_TOKENS = CollapseConfig.defaults().windowTokens();
    /** Salt of the fresh-pool split (independent of the anchor's). */
    static final String FRESH_SALT = "tailguard-calibrate-fresh";
    /** Growth factor of the anchor share while the anchor is below the minimum size. */
    static final double SHARE_STEP = 1.25;
    /** Largest anchor share calibrate will use. */
    static final double MAX_SHARE = 0.5;

    /**
     * Reads the corpus and splits it.
     *
     * @throws IOException              when the corpus cannot be read
     * @throws IllegalArgumentException on a malformed line (naming file and line), a duplicate id, or a corpus too
     *                                  small for an anchor of {@code minAnchorWindows} windows at a share of at
     *                                  most 0.5
     */
    static CorpusSplit of(Path corpus, double share, int minAnchorWindows, double freshShare) throws IOException {
        List<Document> docs = read(corpus);
        double used = share;
        while (anchorWindows(docs, used) < minAnchorWindows) {
            if (used >= MAX_SHARE) {
                throw new IllegalArgumentException(corpus + ": too small for a calibrated verdict: an anchor share of "
                        + MAX_SHARE + " holds " + anchorWindows(docs, MAX_SHARE) + " windows of " + WINDOW_TOKENS
                        + " tokens, fewer than the minimum " + minAnchorWindows + " (--min-anchor-windows)");
            }
            used = Math.min(MAX_SHARE, used * SHARE_STEP);
        }
        AnchorSplit split = new AnchorSplit(used, AnchorSplit.DEFAULT_SALT);
        AnchorSplit freshSplit = new AnchorSplit(freshShare, FRESH_SALT);
        AnchorBuilder builder = new AnchorBuilder(split, CollapseConfig.defaults());
        List<Document> real = new ArrayList<>();
        List<Document> fresh = new ArrayList<>();
        long realTokens = 0;
        for (Document d : docs) {
            if (split.isAnchor(d.id())) {
                builder.add(d);
            } else if (freshSplit.isAnchor(d.id())) {
                fresh.add(d);
            } else {
                builder.add(d);
                real.add(d);
                realTokens += Tokenizer.count(d.text());
            }
        }
        if (fresh.isEmpty() || real.size() < 2) {
            throw new IllegalArgumentException(corpus + ": " + docs.size() + " documents leave " + real.size()
                    + " real and " + fresh.size() + " fresh documents after the anchor; need more documents");
        }
        return new CorpusSplit(builder.build(null), used, anchorWindows(docs, used), real, fresh, realTokens);
    }

    /** Windows of the anchor at this share, cut like the classifier test cuts them (whole windows per document). */
    static int anchorWindows(List<Document> docs, double share) {
        AnchorSplit split = new AnchorSplit(share, AnchorSplit.DEFAULT_SALT);
        int n = 0;
        for (Document d : docs) {
            if (split.isAnchor(d.id())) {
                int tokens = 0;
                for (String sentence : Tokenizer.sentences(d.text())) {
                    tokens += Tokenizer.count(sentence);
                }
                n += windows(tokens);
            }
        }
        return n;
    }

    /** Whole windows of a document; a document shorter than one window counts once if it has a quarter of one. */
    static int windows(int tokens) {
        return tokens >= WINDOW_TOKENS ? tokens / WINDOW_TOKENS : tokens >= Math.max(1, WINDOW_TOKENS / 4) ? 1 : 0;
    }

    /** The documents of a real JSONL corpus ({@link RealDocuments#read}). */
    static List<Document> read(Path corpus) throws IOException {
        return RealDocuments.read(corpus);
    }
}
