package dev.tailguard.core.pipeline;

import dev.tailguard.core.corpus.RealReference;
import dev.tailguard.core.corpus.SyntheticComparison;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.util.HashMap;
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
        RealReference ref = new RealReference(fields);
        Map<String, Map<String, Object>> seedFields = new HashMap<>();
        Shards.forEachDocument(store, realKeys, d -> {
            if (realFilter.test(d)) {
                ref.add(d.id(), Tokenizer.words(d.text()), d.metadata());
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
                cmp.add(Tokenizer.words(d.text()), withSeedFields(d, fields, seedFields));
            }
        });
        return cmp.result();
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
