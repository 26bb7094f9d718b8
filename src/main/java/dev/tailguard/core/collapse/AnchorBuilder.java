package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the anchor from the real input, fed document by document (one pass, any order). Documents chosen by the
 * {@link AnchorSplit} are held out; the others are the generation-0 real input: a Kneser–Ney model is trained on
 * a bounded sample of them ({@link LmSample}, {@link CollapseConfig#lmMaxTokens()}) for the perplexity baseline, their counts of anchor types size-match recall, and a bounded window sample
 * gives the classifier and embedding baselines. The caller must drop held-out documents from everything downstream
 * ({@link #add} says which ones).
 */
public final class AnchorBuilder {

    private final AnchorSplit split;
    private final CollapseConfig cfg;
    private final List<AnchorDocument> held = new ArrayList<>();
    private final TextPass real;

    public AnchorBuilder(AnchorSplit split, CollapseConfig cfg) {
        this.split = split;
        this.cfg = cfg;
        this.real = new TextPass(cfg.order(), cfg.lmMaxTokens(), null, cfg.windowTokens(),
                Math.max(cfg.maxWindows(), cfg.maxChunks()));
        this.real.keepCopies(COPIED_IDS);
    }

    /** Token ids the real pass keeps for exact copies (4 bytes each: at most 8 MiB per builder). */
    static final long COPIED_IDS = 1L << 21;

    /**
     * Adds one real document.
     *
     * @return true when the document went to the anchor (hold it out of blending and training)
     * @throws IllegalArgumentException when the document is of synthetic origin (generation &gt; 0)
     */
    public boolean add(Document d) {
        if (d.generation() > 0) {
            throw new IllegalArgumentException("document '" + d.id() + "': generation " + d.generation()
                    + " is synthetic; an anchor is frozen from real documents only");
        }
        if (split.isAnchor(d.id())) {
            held.add(new AnchorDocument(d.id(), d.text()));
            return true;
        }
        real.add(d);
        return false;
    }

    /**
     * Adds what another builder of the same split and configuration was fed, as if its documents had been added here
     * (held-out documents are sorted by id when the anchor is built; the real pass merges as {@link TextPass#merge}).
     *
     * @throws IllegalArgumentException when the builders differ or the baseline LM is uncapped (not mergeable)
     */
    public void merge(AnchorBuilder other) {
        if (!split.equals(other.split) || !cfg.equals(other.cfg)) {
            throw new IllegalArgumentException("only anchor builders of the same split and configuration can merge");
        }
        held.addAll(other.held);
        real.merge(other.real);
    }

    /** The split this builder holds documents out by. */
    public AnchorSplit split() {
        return split;
    }

    /** Whether builders like this one can be merged ({@link #merge}): the baseline LM is capped. */
    public boolean mergeable() {
        return real.mergeable();
    }

    /**
     * Freezes the anchor and its generation-0 baseline.
     *
     * @param embedder the sentence-embedding model, or null to build an anchor without an embedding sample
     * @throws IllegalStateException when the split left no anchor document or no real document
     */
    public Anchor build(Embedder embedder) {
        if (held.isEmpty() || real.documents() == 0) {
            throw new IllegalStateException("the anchor split (share " + split.share() + ") left " + held.size()
                    + " held-out and " + real.documents() + " real documents; need at least one of each");
        }
        held.sort(java.util.Comparator.comparing(AnchorDocument::id));
        Map<String, Long> all = real.counts();
        List<Window> realWindows = real.windows();
        // the anchor's own pass and the classifier baseline on the second core while the LM trains (independent,
        // deterministic); the LM then scores the anchor on both cores (Perplexities#score: identical per document)
        SideTask<Side> side = SideTask.start("anchor-view-c2st", () -> {
            AnchorView v = AnchorView.of(held, cfg);
            return new Side(v, C2st.run(v.windows(), realWindows, cfg));
        });
        KneserNeyModel model = real.model();
        Perplexities.Doc scores = Perplexities.score(model, held, SCORE_THREADS);
        model = null;
        Side done = side.join();
        AnchorView view = done.view();
        C2st.Result c2st = done.c2st();
        Map<String, Long> realCounts = new TreeMap<>();
        for (String t : view.counts().keySet()) {
            Long c = all.get(t);
            if (c != null) {
                realCounts.put(t, c);
            }
        }
        EmbeddingSample sample = null;
        Manifold.Result manifold = null;
        if (embedder != null) {
            List<float[]> anchorVectors = embed(embedder, view.windows(), cfg.maxChunks());
            sample = EmbeddingSample.of(embedder.model(), anchorVectors);
            manifold = Manifold.run(anchorVectors, embed(embedder, realWindows, cfg.maxChunks()), cfg.k());
        }
        CollapseBaseline baseline = new CollapseBaseline(rounded(scores.log10()), scores.tokens(), c2st, manifold,
                cfg.lmMaxTokens() > 0 ? real.lmTrainedTokens() : 0L);
        return new Anchor(Anchor.VERSION, split, cfg, held, view.tokens(), new TreeMap<>(view.counts()),
                real.documents(), real.tokens(), all.size(), realCounts, sample, baseline);
    }

    /** Threads scoring the anchor's perplexity (the worker's two cores). */
    private static final int SCORE_THREADS = 2;

    /** What the side thread of {@link #build} computes: the anchor's pass and the classifier baseline. */
    private record Side(AnchorView view, C2st.Result c2st) {
    }

    /**
     * Log-probabilities rounded to 1e-6 (far below any bootstrap interval) so that the stored artifact, and with it
     * its content hash, does not depend on floating-point summation order inside the LM (document order).
     */
    private static double[] rounded(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 1e6) / 1e6;
        }
        return out;
    }

    /** Embeds the first {@code maxChunks} windows (in hash order). */
    static List<float[]> embed(Embedder embedder, List<Window> windows, int maxChunks) {
        List<String> texts = new ArrayList<>();
        for (Window w : windows.subList(0, Math.min(maxChunks, windows.size()))) {
            texts.add(w.text());
        }
        List<float[]> out = embedder.embed(texts);
        if (out.size() != texts.size()) {
            throw new IllegalStateException("embedder " + embedder.model() + " returned " + out.size()
                    + " vectors for " + texts.size() + " texts");
        }
        return out;
    }
}
