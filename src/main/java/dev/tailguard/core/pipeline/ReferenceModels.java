package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.store.ObjectStore;

import java.util.List;

/**
 * The score stage's reference language model, cross-fitted over two folds of the real input (fold = id hash mod 2):
 * each input document is scored by the model trained on the other fold by its own id ({@link #forInput}; also when it
 * carries {@code seed_ids} from an earlier run), and each synthetic candidate of this run by the model that did not
 * see its first seed ({@link #forCandidate}). Real and synthetic perplexities are then both out-of-sample, so their ratio compares like
 * with like (a single model trained on all real text would score real documents in-sample, far too low).
 * A corpus whose documents all fall in one fold falls back to one in-sample model and says so.
 */
final class ReferenceModels {

    private final KneserNeyModel[] byFold;
    private final boolean crossFitted;

    private ReferenceModels(KneserNeyModel[] byFold, boolean crossFitted) {
        this.byFold = byFold;
        this.crossFitted = crossFitted;
    }

    static int fold(String id) {
        return Math.floorMod(id.hashCode(), 2);
    }

    static ReferenceModels train(ObjectStore store, List<String> inputKeys, int order) {
        KneserNeyTrainer[] trainers = {new KneserNeyTrainer(order), new KneserNeyTrainer(order)};
        long[] docs = new long[2];
        Shards.forEachDocument(store, inputKeys, d -> {
            int f = fold(d.id());
            NgramGenerator.addDocument(trainers[f], d);
            docs[f]++;
        });
        KneserNeyModel[] models = new KneserNeyModel[2];
        for (int f = 0; f < 2; f++) {
            models[f] = docs[f] == 0 ? null : buildOrNull(trainers[f]);
        }
        if (models[0] == null || models[1] == null) {
            KneserNeyTrainer all = new KneserNeyTrainer(order);
            Shards.forEachDocument(store, inputKeys, d -> NgramGenerator.addDocument(all, d));
            KneserNeyModel m = all.build();
            return new ReferenceModels(new KneserNeyModel[] {m, m}, false);
        }
        return new ReferenceModels(models, true);
    }

    private static KneserNeyModel buildOrNull(KneserNeyTrainer t) {
        try {
            return t.build();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    /**
     * The model for an input document: the fold that did not train on it, chosen by its <em>own</em> id. An input
     * document carrying {@code seed_ids} (synthetic text of an earlier run) was nevertheless trained on under its own
     * id, so its seeds must not choose the fold (that scored 40–49% of such documents in-sample by generation 6).
     */
    KneserNeyModel forInput(Document d) {
        return byFold[1 - fold(d.id())];
    }

    /**
     * The model for a synthetic candidate of this run (never in the training folds): the fold that did not see its
     * first seed, so that it is not scored by the model of the text it was generated from; its own id without seeds.
     */
    KneserNeyModel forCandidate(Document d) {
        String anchor = d.id();
        if (d.metadata().get(Provenance.SEED_IDS) instanceof List<?> seeds && !seeds.isEmpty()) {
            anchor = String.valueOf(seeds.get(0));
        }
        return byFold[1 - fold(anchor)];
    }

    boolean crossFitted() {
        return crossFitted;
    }

    KneserNeyModel any() {
        return byFold[0];
    }

    boolean discountFallbackUsed() {
        return byFold[0].discountFallbackUsed() || byFold[1].discountFallbackUsed();
    }
}
