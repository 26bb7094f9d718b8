package dev.tailguard.core.pipeline;

import dev.tailguard.core.corpus.RealReference;
import dev.tailguard.core.corpus.SyntheticComparison;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.text.Tokenizer;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Streams real and synthetic shards into a {@link SyntheticComparison} (tail coverage, 13-gram memorisation, drift). */
final class RealComparison {

    private RealComparison() {
    }

    static Map<String, Double> measure(ObjectStore store, List<String> realKeys, Predicate<Document> realFilter,
                                       List<String> synKeys, Predicate<Document> synFilter, List<String> fields) {
        RealReference ref = new RealReference(fields);
        Shards.forEachDocument(store, realKeys, d -> {
            if (realFilter.test(d)) {
                ref.add(d.id(), Tokenizer.words(d.text()), d.metadata());
            }
        });
        SyntheticComparison cmp = new SyntheticComparison(ref);
        Shards.forEachDocument(store, synKeys, d -> {
            if (synFilter.test(d)) {
                cmp.add(Tokenizer.words(d.text()), d.metadata());
            }
        });
        return cmp.result();
    }
}
