package dev.tailguard.core.sim;

import dev.tailguard.core.corpus.NgramCountState;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.dedup.NearDuplicates;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.OrderStats;
import dev.tailguard.core.lm.PerplexityResult;
import dev.tailguard.core.lm.SamplingOptions;
import dev.tailguard.core.metrics.DiversityState;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Recursive-generation collapse simulator (issue 5; collapse-anchors §1, §2, §5, §10, §11).
 *
 * <p>Generation 0 is an interpolated modified Kneser–Ney model ({@code core.lm}) trained on the real training
 * split. Every generation k draws an <em>output</em> sample from its model with the token budget B of the real
 * training split (exact sampling, sentence by sentence, until at least B tokens). Generation k+1 is trained on:
 * {@code replace}: generation k's output; {@code accumulate}: the real split plus the outputs of generations
 * 0..k; {@code blend:r}: the first ≈ r·B tokens of the output plus a fresh random ≈ (1−r)·B-token sample of real
 * training sentences; {@code verified}: output sentences (then further draws from the same model) that pass the
 * {@link Verifier} gates, until B accepted tokens or the draw cap.
 *
 * <p>Deterministic: every random stream is keyed by (seed, strategy, generation, purpose) and chains share no
 * mutable state, so the result does not depend on thread count or scheduling. Generation 0 (model and output) is
 * the same for every strategy of a seed.
 */
public final class Simulator {

    /** Sentences longer than this many times the longest real training sentence are cut (and counted). */
    static final int SENTENCE_CAP_FACTOR = 10;

    /** Reference-perplexity strata of the {@code stratified} strategy (deciles of real held-out documents). */
    static final int STRATA = 10;

    private final SimulationConfig cfg;
    private final PrintStream log;
    private RealCorpus corpus;
    private KneserNeyModel gen0;
    private NgramCountState realNgrams;
    private long realTailTypes;
    private Verifier verifier;
    private java.util.Set<String> realTailWords;
    private SamplingOptions sampling;
    private long budget;
    private long started;

    private Simulator(SimulationConfig cfg, PrintStream log) {
        this.cfg = cfg;
        this.log = log;
    }

    /**
     * Runs the simulation.
     *
     * @param log progress lines (one per generation); may be null
     * @throws IllegalArgumentException for bad input (naming line and field)
     */
    public static SimulationResult run(SimulationConfig cfg, PrintStream log) throws IOException {
        return new Simulator(cfg, log).run();
    }

    private SimulationResult run() throws IOException {
        started = System.nanoTime();
        corpus = RealCorpus.read(cfg.input(), cfg.holdout(), cfg.baseSeed());
        budget = corpus.trainTokens();
        int cap = Math.max(100, SENTENCE_CAP_FACTOR * corpus.longestSentence());
        sampling = new SamplingOptions(1.0, 0, cap);
        progress("read %d documents: %d training sentences (%d tokens), %d held-out sentences (%d tokens)",
                corpus.documents(), corpus.train().size(), budget, corpus.heldout().size(), corpus.heldoutTokens());
        gen0 = KneserNeyModel.train(corpus.train(), cfg.order());
        realNgrams = new NgramCountState(cfg.tailNgram());
        corpus.train().forEach(realNgrams::add);
        long[] tailTypes = {0};
        realNgrams.counts().forEach((k, c) -> tailTypes[0] += c <= cfg.tailMaxCount() ? 1 : 0);
        realTailTypes = tailTypes[0];
        realTailWords = new java.util.HashSet<>();
        if (cfg.tailNgram() == 1) {
            Map<String, Long> wc = new java.util.HashMap<>();
            corpus.train().forEach(sentence -> sentence.forEach(w -> wc.merge(w, 1L, Long::sum)));
            wc.forEach((w, c) -> {
                if (c <= cfg.tailMaxCount()) {
                    realTailWords.add(w);
                }
            });
        }
        if (cfg.strategies().stream().anyMatch(s -> s.kind() == Strategy.Kind.VERIFIED || s.kind() == Strategy.Kind.STRATIFIED)) {
            verifier = new Verifier(gen0, corpus.heldout(), cfg.verifyBand());
            progress("verifier: reference-perplexity band [%.1f, %.1f] (quantiles %s), accepts %.1f%% of real "
                    + "held-out documents (%s)", verifier.bandLow(), verifier.bandHigh(),
                    java.util.Arrays.toString(cfg.verifyBand()), 100 * verifier.realAcceptance(), verifier.realRejections());
        }
        ModelMetrics m0 = modelMetrics(gen0);

        ExecutorService pool = Executors.newFixedThreadPool(cfg.threads(), r -> {
            Thread t = new Thread(r, "simulate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Gen0>> firsts = new ArrayList<>();
            for (int i = 0; i < cfg.seeds(); i++) {
                long seed = cfg.seed(i);
                firsts.add(pool.submit(() -> {
                    List<List<String>> out = sample(gen0, budget, Rng.stream(seed, "", 0, "output"));
                    return new Gen0(out, measure(0, m0, budget, out, Double.NaN, Map.of(), true));
                }));
            }
            List<Gen0> gen0s = new ArrayList<>();
            for (Future<Gen0> f : firsts) {
                gen0s.add(get(f));
            }
            progress("generation 0: held-out perplexity %.2f, vocabulary %d", m0.ppl.perplexityIncludingOovs(),
                    m0.vocab);

            record Task(int strategy, int seed) {
            }
            List<Task> tasks = new ArrayList<>();
            for (int s = 0; s < cfg.strategies().size(); s++) {
                for (int i = 0; i < cfg.seeds(); i++) {
                    tasks.add(new Task(s, i));
                }
            }
            List<Task> byCost = new ArrayList<>(tasks);
            byCost.sort(Comparator.comparingInt(t -> cfg.strategies().get(t.strategy()).kind() == Strategy.Kind.ACCUMULATE ? 0 : 1));
            Map<Task, Future<ChainResult>> futures = new java.util.HashMap<>();
            for (Task t : byCost) {
                Strategy st = cfg.strategies().get(t.strategy());
                Gen0 g0 = gen0s.get(t.seed());
                futures.put(t, pool.submit(() -> chain(st, cfg.seed(t.seed()), g0)));
            }
            List<ChainResult> chains = new ArrayList<>();
            for (Task t : tasks) {
                chains.add(get(futures.get(t)));
            }
            double[] band = verifier == null ? new double[] {Double.NaN, Double.NaN}
                    : new double[] {verifier.bandLow(), verifier.bandHigh()};
            return new SimulationResult(cfg, corpus.documents(), corpus.train().size(), budget,
                    corpus.heldout().size(), corpus.heldoutTokens(), realTailTypes, realNgrams.types(), band,
                    verifier == null ? Double.NaN : verifier.realAcceptance(), chains,
                    sentencePerplexity(corpus.heldout()), sentencePerplexity(gen0s.get(0).output()), elapsed());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Gen0(List<List<String>> output, GenerationResult result) {
    }

    private record ModelMetrics(PerplexityResult ppl, long vocab, List<long[]> countsOfCounts, boolean fallback) {
    }

    private ChainResult chain(Strategy st, long seed, Gen0 g0) {
        String label = st.label();
        List<GenerationResult> results = new ArrayList<>();
        results.add(g0.result());
        List<List<List<String>>> accumulated = new ArrayList<>();
        accumulated.add(corpus.train());
        KneserNeyModel model = gen0;
        List<List<String>> output = g0.output();
        for (int g = 1; g <= cfg.generations(); g++) {
            long t0 = System.nanoTime();
            List<List<String>> training;
            double acceptance = Double.NaN;
            Map<String, Long> rejections = Map.of();
            boolean budgetMet = true;
            switch (st.kind()) {
                case REPLACE -> training = output;
                case ACCUMULATE -> {
                    accumulated.add(output);
                    training = concat(accumulated);
                }
                case BLEND -> {
                    long synthetic = Math.round(st.ratio() * budget);
                    training = new ArrayList<>(prefix(output, synthetic));
                    training.addAll(realSample(budget - synthetic, Rng.stream(seed, label, g, "real")));
                }
                case VERIFIED -> {
                    Verifier.Batch batch = verifier.batch();
                    training = new ArrayList<>();
                    long accepted = 0, drawn = 0;
                    long maxDraw = (long) Math.ceil(cfg.verifyMaxDraw() * budget);
                    SplittableRandom more = Rng.stream(seed, label, g - 1, "candidates");
                    int next = 0;
                    List<List<String>> doc = new ArrayList<>();
                    int words = 0;
                    while (accepted < budget && drawn < maxDraw) {
                        List<String> s = next < output.size() ? output.get(next++) : model.sample(more, sampling);
                        drawn += s.size();
                        doc.add(s);
                        words += Verifier.words(s);
                        if (words >= Verifier.minWords()) {
                            if (batch.offer(doc) == null) {
                                training.addAll(doc);
                                for (List<String> d : doc) {
                                    accepted += d.size();
                                }
                            }
                            doc = new ArrayList<>();
                            words = 0;
                        }
                    }
                    acceptance = batch.acceptanceRate();
                    rejections = batch.rejections();
                    budgetMet = accepted >= budget;
                    if (training.isEmpty()) {
                        return new ChainResult(label, seed, results, "generation " + g + ": the verifier accepted "
                                + "none of " + batch.offered() + " candidate documents", sentencePerplexity(output));
                    }
                }
                case STRATIFIED -> {
                    Verifier.Stratified sel = verifier.stratified(STRATA, budget, realTailWords);
                    long drawn = 0;
                    long maxDraw = (long) Math.ceil(cfg.verifyMaxDraw() * budget);
                    SplittableRandom more = Rng.stream(seed, label, g - 1, "candidates");
                    int next = 0;
                    List<List<String>> doc = new ArrayList<>();
                    int words = 0;
                    while (!sel.full() && drawn < maxDraw) {
                        List<String> s = next < output.size() ? output.get(next++) : model.sample(more, sampling);
                        drawn += s.size();
                        doc.add(s);
                        words += Verifier.words(s);
                        if (words >= Verifier.minWords()) {
                            sel.offer(doc);
                            doc = new ArrayList<>();
                            words = 0;
                        }
                    }
                    sel.finish();
                    training = sel.selected();
                    acceptance = sel.gateAcceptance();
                    rejections = sel.rejections();
                    budgetMet = sel.full();
                    if (training.isEmpty()) {
                        return new ChainResult(label, seed, results, "generation " + g + ": the stratified verifier "
                                + "accepted none of " + sel.offered() + " candidate documents", sentencePerplexity(output));
                    }
                }
                default -> throw new IllegalStateException(st.kind().name());
            }
            long trainingTokens = 0;
            for (List<String> s : training) {
                trainingTokens += s.size();
            }
            model = KneserNeyModel.train(training, cfg.order());
            output = sample(model, budget, Rng.stream(seed, label, g, "output"));
            GenerationResult r = measure(g, modelMetrics(model), trainingTokens, output, acceptance, rejections,
                    budgetMet);
            results.add(r);
            progress("%s seed %d generation %d: held-out perplexity %.2f, vocabulary %d, tail coverage %.3f%s "
                    + "(%.1fs)", label, seed, g, r.heldoutPerplexity(), r.vocabSize(), r.tailCoverage(),
                    Double.isNaN(acceptance) ? "" : String.format(java.util.Locale.ROOT, ", accepted %.1f%%", 100 * acceptance),
                    (System.nanoTime() - t0) / 1e9);
        }
        return new ChainResult(label, seed, results, null, sentencePerplexity(output));
    }

    private ModelMetrics modelMetrics(KneserNeyModel m) {
        List<long[]> coc = new ArrayList<>();
        for (OrderStats os : m.orderStats()) {
            coc.add(os.countsOfCounts().clone());
        }
        return new ModelMetrics(m.evaluate(corpus.heldout()), m.vocabSize() - 3L, coc, m.discountFallbackUsed());
    }

    private GenerationResult measure(int g, ModelMetrics m, long trainingTokens, List<List<String>> output,
                                     double acceptance, Map<String, Long> rejections, boolean budgetMet) {
        DiversityState div = new DiversityState();
        long tokens = 0;
        long truncated = 0;
        for (List<String> s : output) {
            div.add(s);
            tokens += s.size();
            truncated += s.size() >= sampling.maxTokens() ? 1 : 0;
        }
        NgramCountState out = new NgramCountState(cfg.tailNgram());
        output.forEach(out::add);
        double tailCoverage = NgramCountState.tailCoverage(realNgrams, out, cfg.tailMaxCount());
        double typeRecall = NgramCountState.typeRecall(realNgrams, out);
        double nearDup = NearDuplicates.nearDuplicateRate(output, MinHashParams.FINEWEB);
        double drift = gen0.evaluate(output).perplexityIncludingOovs();
        return new GenerationResult(g, m.ppl.perplexityIncludingOovs(), m.ppl.perplexityExcludingOovs(),
                m.ppl.oovs(), m.vocab, m.countsOfCounts, m.fallback, trainingTokens, div.distinct(1), div.distinct(2),
                div.compressionRatio(), tailCoverage, typeRecall, drift, nearDup, tokens, truncated, acceptance, rejections, budgetMet);
    }

    /** Per-sentence perplexity under the generation-0 model, 10^(−log10 p(sentence) / (tokens + 1)). */
    private double[] sentencePerplexity(List<List<String>> sentences) {
        double[] out = new double[sentences.size()];
        for (int i = 0; i < out.length; i++) {
            List<String> s = sentences.get(i);
            out[i] = Math.pow(10, -gen0.log10Sentence(s) / (s.size() + 1));
        }
        return out;
    }

    private List<List<String>> sample(KneserNeyModel m, long tokens, RandomGenerator rnd) {
        List<List<String>> out = new ArrayList<>();
        long n = 0;
        long draws = 0;
        long maxDraws = 100 * Math.max(1000, tokens);
        while (n < tokens) {
            List<String> s = m.sample(rnd, sampling);
            out.add(s);
            n += s.size();
            if (++draws > maxDraws) {
                throw new IllegalStateException("the model produced " + draws + " sentences with only " + n
                        + " tokens; cannot fill a budget of " + tokens);
            }
        }
        return out;
    }

    private static List<List<String>> prefix(List<List<String>> sentences, long tokens) {
        long n = 0;
        int i = 0;
        while (i < sentences.size() && n < tokens) {
            n += sentences.get(i++).size();
        }
        return sentences.subList(0, i);
    }

    private List<List<String>> realSample(long tokens, RandomGenerator rnd) {
        List<List<String>> real = corpus.train();
        int[] idx = new int[real.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        List<List<String>> out = new ArrayList<>();
        long n = 0;
        for (int i = 0; i < idx.length && n < tokens; i++) {
            int j = i + rnd.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out.add(real.get(idx[i]));
            n += real.get(idx[i]).size();
        }
        return out;
    }

    private static List<List<String>> concat(List<List<List<String>>> parts) {
        int n = 0;
        for (List<List<String>> p : parts) {
            n += p.size();
        }
        List<List<String>> out = new ArrayList<>(n);
        for (List<List<String>> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c.getMessage(), c);
        }
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void progress(String fmt, Object... args) {
        if (log != null) {
            synchronized (log) {
                log.printf(java.util.Locale.ROOT, "[%6.1fs] " + fmt + "%n", prepend(elapsed(), args));
            }
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
