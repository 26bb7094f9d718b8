package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Measures the collapse signals of one run against a frozen {@link Anchor}: the blended output (what a model would
 * be trained on) and the synthetic batch (what the generator produced) are each read once. Every signal is compared
 * with its generation-0 baseline, measured the same way on the real input when the anchor was frozen.
 */
public final class CollapseSignals {

    /** Perplexity is compared only when the blended output has at least this share of the baseline's tokens. */
    static final double MIN_SIZE_SHARE = 0.9;

    private CollapseSignals() {
    }

    /**
     * Measures all signals.
     *
     * @param anchor    the frozen anchor
     * @param blended   the blended output
     * @param synthetic the synthetic batch of this run (for the classifier test and the embeddings)
     * @param embedder  the embedding model; null skips the embedding signals (named in {@code missing})
     */
    public static CollapseMeasurement measure(Anchor anchor, Iterable<Document> blended, Iterable<Document> synthetic,
                                              Embedder embedder) {
        return measure(anchor, blended, synthetic, embedder, "no embedding model");
    }

    /**
     * Measures all signals; without an embedding model the embedding signals are named in {@code missing} with
     * {@code noEmbedder} as the reason.
     */
    public static CollapseMeasurement measure(Anchor anchor, Iterable<Document> blended, Iterable<Document> synthetic,
                                              Embedder embedder, String noEmbedder) {
        long t0 = System.nanoTime();
        Passes p = Passes.of(anchor);
        blended.forEach(p.blended()::add);
        synthetic.forEach(p.synthetic()::add);
        return p.measure(anchor, embedder, noEmbedder, t0);
    }

    /**
     * Measures all signals in one streaming pass over the blended output: {@code blended} feeds every document to
     * its sink once (e.g. straight from the stored shards); those matching {@code ownSynthetic} are also the
     * synthetic batch. Nothing per document is kept: the heap holds the bounded LM sample
     * ({@link CollapseConfig#lmMaxTokens()}), counts of the anchor's types only, and the window samples.
     */
    public static CollapseMeasurement measure(Anchor anchor, Consumer<Consumer<Document>> blended,
                                              Predicate<Document> ownSynthetic, Embedder embedder, String noEmbedder) {
        return measure(anchor, List.of(blended), ownSynthetic, embedder, noEmbedder);
    }

    /**
     * As {@link #measure(Anchor, Consumer, Predicate, Embedder, String)} with the blended output given in parts
     * (e.g. its shards split in two), each part streamed on its own thread into passes of its own, which are then
     * merged ({@link TextPass#merge}: counts add up, the LM and window samples are those of the union, so the
     * measurement is the one a single pass gives). An anchor whose LM is uncapped ({@code lmMaxTokens} 0, frozen
     * before the cap) cannot merge its LM: its parts are streamed one after the other on this thread.
     */
    public static CollapseMeasurement measure(Anchor anchor, List<Consumer<Consumer<Document>>> parts,
                                              Predicate<Document> ownSynthetic, Embedder embedder, String noEmbedder) {
        long t0 = System.nanoTime();
        Passes p = Passes.of(anchor);
        if (parts.size() < 2 || !p.blended().mergeable()) {
            for (Consumer<Consumer<Document>> part : parts) {
                p.feed(part, ownSynthetic);
            }
            return p.measure(anchor, embedder, noEmbedder, t0);
        }
        List<SideTask<Passes>> side = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            Consumer<Consumer<Document>> part = parts.get(i);
            side.add(SideTask.start("collapse-pass-" + i, () -> {
                Passes q = Passes.of(anchor);
                q.feed(part, ownSynthetic);
                return q;
            }));
        }
        p.feed(parts.get(0), ownSynthetic);
        for (SideTask<Passes> t : side) {
            Passes q = t.join();
            p.blended().merge(q.blended());
            p.synthetic().merge(q.synthetic());
        }
        return p.measure(anchor, embedder, noEmbedder, t0);
    }

    /** The two passes of a measurement: the blended output and the synthetic batch. */
    private record Passes(TextPass blended, TextPass synthetic) {

        /** Streams one source into both passes. */
        void feed(Consumer<Consumer<Document>> source, Predicate<Document> ownSynthetic) {
            source.accept(d -> {
                blended.add(d);
                if (ownSynthetic.test(d)) {
                    synthetic.add(d);
                }
            });
        }

        static Passes of(Anchor anchor) {
            CollapseConfig cfg = anchor.config();
            TextPass b = new TextPass(cfg.order(), cfg.lmMaxTokens(), anchor.anchorCounts().keySet(),
                    cfg.windowTokens(), 0);
            TextPass s = new TextPass(0, 0, java.util.Set.of(), cfg.windowTokens(),
                    Math.max(cfg.maxWindows(), cfg.maxChunks()));
            return new Passes(b, s);
        }

        CollapseMeasurement measure(Anchor anchor, Embedder embedder, String noEmbedder, long t0) {
            CollapseConfig cfg = anchor.config();
            AnchorView view = AnchorView.of(anchor.documents(), cfg);
            TextPass b = blended;
            List<Window> synWindows = synthetic.windows();
            // classifier test and embeddings on the second core while the LM trains and scores the anchor
            List<Signal> sideOut = new ArrayList<>();
            List<String> sideMissing = new ArrayList<>();
            SideTask<List<DiscriminatorScore>> side = SideTask.start("collapse-c2st", () -> {
                List<DiscriminatorScore> scores = c2st(anchor, view, synWindows, sideOut, sideMissing);
                embedding(anchor, synWindows, embedder, noEmbedder, sideOut, sideMissing);
                return scores;
            });
            List<Signal> out = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            KneserNeyModel model = b.model();
            if (model == null) {
                missing.add("anchor_perplexity: the blended output has no sentence");
            } else {
                out.add(perplexity(anchor, model, b.tokens(), b.lmTrainedTokens(), b.lmTrainedDocuments()));
            }
            model = null;
            if (b.tokens() > 0) {
                Map<String, Long> counts = b.counts();
                out.add(recall(anchor, counts, b.tokens(), false));
                out.add(recall(anchor, counts, b.tokens(), true));
            } else {
                missing.add("vocabulary_recall, tail_recall: the blended output has no token");
            }
            List<DiscriminatorScore> perDocument = side.join();
            out.addAll(sideOut);
            missing.addAll(sideMissing);
            CollapseMeasurement.Footprint fp = new CollapseMeasurement.Footprint(cfg.lmMaxTokens(),
                    b.lmTrainedTokens(), b.lmTrainedDocuments(), b.lmHeldDocuments(), b.countedTypes(),
                    synWindows.size(), view.windows().size(), anchor.documents().size());
            return new CollapseMeasurement(out, missing, b.documents(), b.tokens(), synthetic.documents(),
                    (System.nanoTime() - t0) / 1e9, perDocument, fp);
        }
    }

    static Signal perplexity(Anchor anchor, KneserNeyModel model, long blendedTokens, long trainedTokens,
                             long trainedDocuments) {
        CollapseConfig cfg = anchor.config();
        long baseTrained = anchor.baseline().lmTrainingTokens(anchor.realTokens());
        Perplexities.Doc measured = Perplexities.score(model, anchor.documents());
        Perplexities.Doc base = new Perplexities.Doc(anchor.baseline().docLog10(), anchor.baseline().docTokens());
        double value = Perplexities.perplexity(measured.log10(), measured.tokens());
        double baseline = Perplexities.perplexity(base.log10(), base.tokens());
        Interval ratio = Perplexities.ratioInterval(measured, base, cfg.bootstrap(), cfg.seed());
        boolean comparable = trainedTokens >= MIN_SIZE_SHARE * baseTrained;
        long tokens = 0;
        for (long t : measured.tokens()) {
            tokens += t;
        }
        return new Signal(SignalKind.ANCHOR_PERPLEXITY, value,
                new Interval(baseline * ratio.lo(), baseline * ratio.hi()), baseline, trainedTokens,
                anchor.documents().size(), "training tokens / anchor documents", comparable,
                String.format(Locale.ROOT, "order-%d Kneser-Ney trained on %d of %d blended tokens (%d documents; "
                        + "baseline %d of %d real)%s, scored on %d anchor tokens; ratio %.3f, paired bootstrap over "
                        + "anchor documents (%d replicates) [%.3f, %.3f]%s", cfg.order(), trainedTokens,
                        blendedTokens, trainedDocuments, baseTrained, anchor.realTokens(),
                        cfg.lmMaxTokens() > 0 ? ", each side the documents with the smallest id hash up to "
                                + cfg.lmMaxTokens() + " tokens" : "", tokens,
                        value / baseline, cfg.bootstrap(), ratio.lo(), ratio.hi(),
                        comparable ? "" : "; not comparable: the blended output's LM saw fewer than "
                                + MIN_SIZE_SHARE + " of the baseline's training tokens"));
    }

    static Signal recall(Anchor anchor, Map<String, Long> counts, long tokens, boolean tailOnly) {
        long drawn = Math.min(tokens, anchor.realTokens());
        int n = 0;
        double sumB = 0, sumR = 0, sumD = 0, sumD2 = 0;
        for (Map.Entry<String, Long> e : anchor.anchorCounts().entrySet()) {
            if (tailOnly && e.getValue() > anchor.config().tailMaxCount()) {
                continue;
            }
            double qb = Rarefaction.seen(tokens, counts.getOrDefault(e.getKey(), 0L), drawn);
            double qr = Rarefaction.seen(anchor.realTokens(), anchor.realCounts().getOrDefault(e.getKey(), 0L), drawn);
            n++;
            sumB += qb;
            sumR += qr;
            sumD += qb - qr;
            sumD2 += (qb - qr) * (qb - qr);
        }
        SignalKind kind = tailOnly ? SignalKind.TAIL_RECALL : SignalKind.VOCABULARY_RECALL;
        if (n == 0) {
            return new Signal(kind, 0, new Interval(0, 0), 0, tokens, 0, "tokens / anchor types", false,
                    "the anchor has no such type");
        }
        double value = sumB / n;
        double baseline = sumR / n;
        double meanD = sumD / n;
        double sd = n > 1 ? Math.sqrt(Math.max(0, (sumD2 - n * meanD * meanD) / (n - 1))) : 0;
        double half = 1.959963984540054 * sd / Math.sqrt(n);
        Interval ci = new Interval(baseline + meanD - half, baseline + meanD + half);
        return new Signal(kind, value, ci, baseline, tokens, n, "tokens / anchor types", true,
                String.format(Locale.ROOT, "expected share of %d anchor %s seen in %d of %d blended tokens "
                        + "(rarefied; baseline: the real input rarefied to the same %d); interval of the paired "
                        + "per-type difference (normal, n=%d) around the baseline", n,
                        tailOnly ? "tail types (anchor count <= " + anchor.config().tailMaxCount() + ")" : "types",
                        drawn, tokens, drawn, n));
    }

    /** Adds the classifier test's signal; returns its per-document scores (empty when it did not run). */
    private static List<DiscriminatorScore> c2st(Anchor anchor, AnchorView view, List<Window> synthetic,
                                                 List<Signal> out, List<String> missing) {
        C2st.Scored scored = C2st.runScored(view.windows(), synthetic, anchor.config());
        C2st.Result r = scored == null ? null : scored.result();
        C2st.Result base = anchor.baseline().c2st();
        if (r == null || base == null) {
            missing.add("c2st_auc: fewer than " + 2 * anchor.config().folds() + " windows of "
                    + anchor.config().windowTokens() + " tokens on a side (synthetic " + synthetic.size()
                    + ", anchor " + view.windows().size() + ")");
            return List.of();
        }
        out.add(new Signal(SignalKind.C2ST_AUC, r.auc(), r.ci(), base.auc(), r.windows(), r.windows(),
                "windows per side", true, String.format(Locale.ROOT, "%d-fold logistic regression on hashed word "
                        + "1-2-grams + 6 window statistics, %d windows per side, folds by %s; DeLong 95%%; "
                        + "permutation null (%d): 95th percentile %.3f, p = %.3f", anchor.config().folds(),
                        r.windows(), r.byDocument() ? "document" : "window", r.permutations(), r.nullQ95(),
                        r.pValue())));
        return DiscriminatorScore.of(scored);
    }

    private static void embedding(Anchor anchor, List<Window> synthetic, Embedder embedder, String noEmbedder,
                                  List<Signal> out, List<String> missing) {
        EmbeddingSample sample = anchor.embedding();
        Manifold.Result base = anchor.baseline().embedding();
        if (embedder == null || sample == null || base == null) {
            missing.add("embedding_precision, embedding_recall: " + (embedder == null ? noEmbedder
                    : "the anchor has no embedding sample (it was frozen without an embedding model)"));
            return;
        }
        if (!sample.model().equals(embedder.model())) {
            missing.add("embedding_precision, embedding_recall: the anchor was embedded with " + sample.model()
                    + ", not " + embedder.model());
            return;
        }
        List<float[]> vectors = AnchorBuilder.embed(embedder, synthetic, anchor.config().maxChunks());
        Manifold.Result r = Manifold.run(sample.unpack(), vectors, anchor.config().k());
        if (r == null) {
            missing.add("embedding_precision, embedding_recall: only " + vectors.size() + " synthetic windows");
            return;
        }
        boolean comparable = r.points() == base.points();
        String note = String.format(Locale.ROOT, "%s, %d windows per side (baseline %d), k=%d; Wilson 95%%%s",
                sample.model(), r.points(), base.points(), r.k(),
                comparable ? "" : "; not comparable: fewer windows than the baseline");
        out.add(new Signal(SignalKind.EMBEDDING_PRECISION, r.precision(), r.precisionCi(), base.precision(),
                r.points(), r.points(), "embedded windows per side", comparable, note));
        out.add(new Signal(SignalKind.EMBEDDING_RECALL, r.recall(), r.recallCi(), base.recall(), r.points(),
                r.points(), "embedded windows per side", comparable, note));
    }
}
