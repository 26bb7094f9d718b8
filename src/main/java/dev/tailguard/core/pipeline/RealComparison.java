package dev.tailguard.core.pipeline;

import dev.tailguard.core.corpus.FieldDistribution;
import dev.tailguard.core.corpus.NgramCountState;
import dev.tailguard.core.corpus.RealReference;
import dev.tailguard.core.corpus.SyntheticComparison;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.gate.DriftCounts;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Streams real and synthetic shards into a {@link SyntheticComparison} (tail coverage, 13-gram memorisation, drift).
 * A synthetic document without a tracked metadata field takes its first seed's value ({@code seed_ids}), so drift
 * measures the represented groups, not whether the generator copies metadata.
 */
final class RealComparison {

    private RealComparison() {
    }

    static Map<String, Double> measure(ObjectStore store, List<String> realKeys, Predicate<Document> realFilter,
                                       List<String> synKeys, Predicate<Document> synFilter, List<String> fields) {
        return measure(store, realKeys, realFilter, synKeys, synFilter, fields, new DriftCounts(fields));
    }

    /** As above, also counting each field's values of both sides into {@code drift} (for the drift gate's test). */
    static Map<String, Double> measure(ObjectStore store, List<String> realKeys, Predicate<Document> realFilter,
                                       List<String> synKeys, Predicate<Document> synFilter, List<String> fields,
                                       DriftCounts drift) {
        RealReference ref = new RealReference(fields);
        Map<String, Map<String, Object>> seedFields = new HashMap<>();
        Shards.forEachDocument(store, realKeys, d -> {
            if (realFilter.test(d)) {
                ref.add(d.id(), Tokenizer.words(d.text()), d.metadata());
                drift.addReal(d.metadata());
                Map<String, Object> f = new HashMap<>();
                for (String k : fields) {
                    Object v = d.metadata() == null ? null : d.metadata().get(k);
                    if (v != null) {
                        f.put(k, v);
                    }
                }
                if (!f.isEmpty()) {
                    seedFields.put(d.id(), f);
                }
            }
        });
        SyntheticComparison cmp = new SyntheticComparison(ref);
        Shards.forEachDocument(store, synKeys, d -> {
            if (synFilter.test(d)) {
                Map<String, Object> meta = withSeedFields(d, fields, seedFields);
                drift.addSynthetic(meta);
                cmp.add(Tokenizer.words(d.text()), meta);
            }
        });
        return cmp.result();
    }

    /**
     * Only what the blend plan decides on, in memory that does not grow with the corpus's token count: unigram tail
     * coverage ({@code tail_coverage_n1}, real count &le; {@link SyntheticComparison#DEFAULT_TAIL_K}) and
     * {@code drift_tv_<field>} — the same numbers {@link #measure} gives, without the 13-gram index, the MinHash
     * index and the bigram/trigram tables that {@link RealReference} also builds (the blend needs none of them).
     * Holds the two unigram tables (bounded by the vocabulary) and the tracked fields of the real documents.
     */
    /** Real documents tokenised together (in parallel) before they are counted in order. */
    private static final int BATCH = 64;

    static Map<String, Double> tailAndDrift(ObjectStore store, List<String> realKeys, Predicate<String> realFilter,
                                            List<String> synKeys, Predicate<String> synFilter, List<String> fields,
                                            DriftCounts drift) {
        NgramCountState realUni = new NgramCountState(1);
        NgramCountState synUni = new NgramCountState(1);
        Map<String, FieldDistribution> realFields = new LinkedHashMap<>();
        Map<String, FieldDistribution> synFields = new LinkedHashMap<>();
        fields.forEach(f -> {
            realFields.put(f, new FieldDistribution(f));
            synFields.put(f, new FieldDistribution(f));
        });
        Map<String, Map<String, Object>> seedFields = new HashMap<>();
        // the real documents' tokens in parallel batches, counted in reading order
        List<Document> batch = new ArrayList<>(BATCH);
        Runnable flush = () -> {
            List<List<String>> words = batch.parallelStream().map(d -> Tokenizer.words(d.text())).toList();
            for (int i = 0; i < batch.size(); i++) {
                Document d = batch.get(i);
                realUni.add(words.get(i));
                realFields.values().forEach(f -> f.add(d.metadata()));
                drift.addReal(d.metadata());
                Map<String, Object> f = tracked(d, fields);
                if (!f.isEmpty()) {
                    seedFields.put(d.id(), f);
                }
            }
            batch.clear();
        };
        // the filters take ids: a document they refuse is skipped on its id, never parsed
        Shards.forEachDocument(store, realKeys, realFilter, d -> {
            batch.add(d);
            if (batch.size() >= BATCH) {
                flush.run();
            }
        });
        flush.run();
        Shards.forEachDocument(store, synKeys, synFilter, d -> {
            Map<String, Object> meta = withSeedFields(d, fields, seedFields);
            drift.addSynthetic(meta);
            synFields.values().forEach(f -> f.add(meta));
            synUni.add(Tokenizer.words(d.text()));
        });
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("tail_coverage_n1", NgramCountState.tailCoverage(realUni, synUni, SyntheticComparison.DEFAULT_TAIL_K));
        fields.forEach(f -> m.put("drift_tv_" + f, FieldDistribution.totalVariation(realFields.get(f), synFields.get(f))));
        return m;
    }

    private static Map<String, Object> tracked(Document d, List<String> fields) {
        Map<String, Object> f = new HashMap<>();
        for (String k : fields) {
            Object v = d.metadata() == null ? null : d.metadata().get(k);
            if (v != null) {
                f.put(k, v);
            }
        }
        return f;
    }

    private static Map<String, Object> withSeedFields(Document d, List<String> fields, Map<String, Map<String, Object>> seedFields) {
        Map<String, Object> meta = d.metadata() == null ? new HashMap<>() : new HashMap<>(d.metadata());
        if (meta.get(Provenance.SEED_IDS) instanceof List<?> seeds && !seeds.isEmpty()) {
            Map<String, Object> f = seedFields.getOrDefault(String.valueOf(seeds.get(0)), Map.of());
            for (String k : fields) {
                if (meta.get(k) == null && f.get(k) != null) {
                    meta.put(k, f.get(k));
                }
            }
        }
        return meta;
    }
}
