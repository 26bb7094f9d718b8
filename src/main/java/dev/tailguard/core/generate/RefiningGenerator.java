package dev.tailguard.core.generate;

import dev.tailguard.core.dedup.LshIndex;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.metrics.DiversityState;
import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the refinement loop around a generator: each batch is generated into a buffer and measured (distinct-2 over
 * the batch, near-duplicate rate with FineWeb MinHash-LSH); while {@link RefinementPolicy#decide} says so, the batch
 * is generated again from the same seeds with the adjusted temperature, top-k and style mix (only generators that
 * implement {@link Resampling} can be adjusted). Only the last round reaches the sink; every round, with its
 * parameters, metrics and outcome, is in {@link #report()}.
 */
public final class RefiningGenerator implements Generator, UsageReporting {

    private final Generator base;
    private final RefinementPolicy policy;
    private final List<Map<String, Object>> rounds = new ArrayList<>();
    private int batches;
    private int regenerated;

    public RefiningGenerator(Generator base, RefinementPolicy policy) {
        this.base = base;
        this.policy = policy;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public Map<String, Object> parameters() {
        return base.parameters();
    }

    /** The base generator's usage, or null when it reports none. */
    @Override
    public Usage usage() {
        return base instanceof UsageReporting u ? u.usage() : null;
    }

    @Override
    public void generate(List<Document> seeds, GenerationSink sink) {
        int batch = batches++;
        Generator g = base;
        RefinementPolicy.Params params = initialParams(base.parameters());
        int done = 0;
        while (true) {
            Buffer buf = new Buffer();
            g.generate(seeds, buf);
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("batch", batch);
            round.put("round", done);
            round.put("temperature", params.temperature());
            round.put("top_k", params.topK());
            round.put("style_mix", new TreeMap<>(params.styleMix()));
            round.put("seeds", seeds.size());
            round.put("documents", buf.docs.size());
            round.put("rejected", buf.rejects.size());
            String outcome;
            RefinementPolicy.Decision d = null;
            if (buf.docs.isEmpty()) {
                outcome = "empty_batch";
            } else {
                RefinementPolicy.Diversity div = measure(buf.docs);
                round.put("distinct_2", div.distinct2());
                round.put("near_duplicate_rate", div.nearDuplicateRate());
                d = policy.decide(div, params, done);
                round.put("failures", d.failures());
                Usage u = usage();
                outcome = !d.regenerate() ? d.reason()
                        : !(base instanceof Resampling) ? "not_adjustable"
                        : u != null && u.budgetExhausted() ? "budget_exhausted"
                        : "regenerate";
            }
            round.put("outcome", outcome);
            rounds.add(round);
            if (!"regenerate".equals(outcome)) {
                buf.flush(sink);
                return;
            }
            if (done == 0) {
                regenerated++;
            }
            params = d.next();
            done = d.round();
            g = ((Resampling) base).withSampling(params.temperature(), params.topK(), params.styleMix());
        }
    }

    /**
     * {@code {"policy":{...},"batches":n,"regenerated_batches":n,"rounds":[{batch, round, temperature, top_k,
     * style_mix, seeds, documents, rejected, distinct_2, near_duplicate_rate, failures, outcome}]}}.
     */
    public Map<String, Object> report() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("min_distinct_2", policy.minDistinct2());
        p.put("max_near_duplicate_rate", policy.maxNearDuplicateRate());
        p.put("max_rounds", policy.maxRounds());
        p.put("temperature_step", policy.temperatureStep());
        p.put("max_temperature", policy.maxTemperature());
        p.put("top_k_step", policy.topKStep());
        p.put("max_top_k", policy.maxTopK());
        p.put("style_mixes", policy.styleMixes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", p);
        m.put("batches", batches);
        m.put("regenerated_batches", regenerated);
        m.put("rounds", List.copyOf(rounds));
        return m;
    }

    @Override
    public void close() {
        base.close();
    }

    /** Distinct-2 (distinct bigrams / bigrams, {@link DiversityState}) and the near-duplicate rate of the batch. */
    static RefinementPolicy.Diversity measure(List<Document> docs) {
        DiversityState div = new DiversityState();
        LshIndex lsh = new LshIndex(MinHashParams.FINEWEB);
        int i = 0;
        for (Document d : docs) {
            List<String> words = Tokenizer.words(d.text());
            div.add(words, d.text());
            lsh.add(d.id() + "#" + i++, words);
        }
        return new RefinementPolicy.Diversity(div.distinct(2), lsh.nearDuplicateRate());
    }

    @SuppressWarnings("unchecked")
    private static RefinementPolicy.Params initialParams(Map<String, Object> p) {
        double t = p.get("temperature") instanceof Number n ? n.doubleValue() : 1.0;
        int k = p.get("top_k") instanceof Number n ? n.intValue() : 0;
        Map<String, Double> mix = new TreeMap<>();
        if (p.get("style_mix") instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((s, w) -> mix.put(s, ((Number) w).doubleValue()));
        }
        return new RefinementPolicy.Params(t, k, mix);
    }

    private static final class Buffer implements GenerationSink {
        final List<Document> docs = new ArrayList<>();
        final List<String[]> rejects = new ArrayList<>();

        @Override
        public void accept(Document d) {
            docs.add(d);
        }

        @Override
        public void reject(String seedId, String reason, String detail) {
            rejects.add(new String[]{seedId, reason, detail});
        }

        void flush(GenerationSink sink) {
            docs.forEach(sink::accept);
            rejects.forEach(r -> sink.reject(r[0], r[1], r[2]));
        }
    }
}
