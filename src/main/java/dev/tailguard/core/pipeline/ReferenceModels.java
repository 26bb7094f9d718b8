package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.lm.TrainingSample;
import dev.tailguard.core.store.ObjectStore;

import java.util.ArrayList;
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
        return train(store, inputKeys, order, Long.MAX_VALUE, null).models();
    }

    /**
     * What one fold's model was trained on.
     *
     * @param fold           0 or 1 ({@code -1}: the single in-sample model of a one-fold corpus)
     * @param corpusTokens   tokens of the fold's documents ({@code Tokenizer.words}), or -1 when not counted
     * @param sampleRate     share of the fold's documents admitted ({@link TrainingSample}, by id hash)
     * @param trainedTokens  tokens the trainer holds (without sentence markers)
     * @param capped         true when the trainer refused sentences at {@code maxTrainingTokens}
     * @param vocabulary     model vocabulary size
     * @param discountFallback true when an order fell back to fixed discounts
     */
    record FoldInfo(int fold, long corpusTokens, double sampleRate, long trainedTokens, boolean capped, int vocabulary,
                    boolean discountFallback) {
    }

    /** Trained models with what each was trained on. */
    record Trained(ReferenceModels models, List<FoldInfo> folds) {
    }

    /**
     * Trains the two fold models concurrently, each on a deterministic sample of its fold's documents
     * ({@link TrainingSample#of}{@code (foldTokens[f], maxTrainingTokens)}, chosen by id hash, so the sample does not
     * depend on shard order or worker count) and capped exactly at {@code maxTrainingTokens} tokens
     * ({@link KneserNeyTrainer#KneserNeyTrainer(int, long)}). The input is read once, on this thread; each admitted
     * document goes, in reading order, to its fold's trainer on a thread of its own ({@link FoldFeed}).
     * {@code foldTokens} null = no sampling (cap only).
     */
    static Trained train(ObjectStore store, List<String> inputKeys, int order, long maxTrainingTokens, long[] foldTokens) {
        Training training = new Training(order, maxTrainingTokens, foldTokens);
        Shards.forEachDocument(store, inputKeys, training::offer);
        return training.finish(store, inputKeys);
    }

    /**
     * The two fold trainers of {@link #train}, fed by the caller: {@link #offer} each input document in reading
     * order, then {@link #finish}. A caller that already reads the input (the score plan) feeds the trainers from its
     * own pass instead of reading the input a second time; the models are the same.
     */
    static final class Training {
        private final int order;
        private final long cap;
        private final long[] foldTokens;
        private final FoldFeed[] feeds;

        /** Starts the fold trainers; {@code foldTokens} are the folds' token totals that set the sample (null: all). */
        Training(int order, long maxTrainingTokens, long[] foldTokens) {
            this.order = order;
            this.cap = maxTrainingTokens;
            this.foldTokens = foldTokens == null ? null : foldTokens.clone();
            this.feeds = new FoldFeed[] {new FoldFeed(0, order, cap, this.foldTokens),
                    new FoldFeed(1, order, cap, this.foldTokens)};
        }

        /** The next input document, in reading order. */
        void offer(Document d) {
            feeds[fold(d.id())].offer(d);
        }

        /**
         * Builds the models; a corpus whose documents all fall in one fold gets one in-sample model, trained from a
         * second read of {@code inputKeys}.
         */
        Trained finish(ObjectStore store, List<String> inputKeys) {
            KneserNeyModel[] models = new KneserNeyModel[2];
            List<FoldInfo> infos = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                FoldModel r = feeds[f].finish();
                models[f] = r.model();
                infos.add(r.info());
            }
            if (models[0] == null || models[1] == null) {
                FoldModel all = trainFold(store, inputKeys, order, cap, foldTokens, -1);
                KneserNeyModel m = all.model();
                if (m == null) {
                    throw new IllegalStateException("no real sentence to train the reference language model on");
                }
                return new Trained(new ReferenceModels(new KneserNeyModel[] {m, m}, false), List.of(all.info()));
            }
            return new Trained(new ReferenceModels(models, true), infos);
        }

        /** Stops the trainers without building (their work is dropped). */
        void abandon() {
            for (FoldFeed f : feeds) {
                f.feed.drain();
            }
        }
    }

    /** One fold's trainer on a thread of its own ({@link BatchFeed}), fed its admitted documents in reading order. */
    private static final class FoldFeed {
        static final int IN_FLIGHT = 4;

        private final int fold;
        private final long corpus;
        private final TrainingSample sample;
        private final KneserNeyTrainer trainer;
        private final BatchFeed<Document> feed;
        private long docs;

        FoldFeed(int fold, int order, long cap, long[] foldTokens) {
            this.fold = fold;
            this.corpus = foldTokens == null ? -1 : foldTokens[fold];
            this.sample = corpus < 0 || cap == Long.MAX_VALUE ? TrainingSample.ALL : TrainingSample.of(corpus, cap);
            this.trainer = new KneserNeyTrainer(order, cap);
            this.feed = BatchFeed.documents("reference-lm-fold-" + fold, IN_FLIGHT, d -> NgramGenerator.addDocument(trainer, d));
        }

        void offer(Document d) {
            if (sample.admits(d.id())) {
                docs++;
                feed.add(d);
            }
        }

        FoldModel finish() {
            feed.drain();
            KneserNeyModel m = docs == 0 ? null : buildOrNull(trainer);
            FoldInfo info = new FoldInfo(fold, corpus, sample.rate(), trainer.tokens(), trainer.capped(),
                    m == null ? 0 : m.vocabSize(), m != null && m.discountFallbackUsed());
            return new FoldModel(m, info);
        }
    }

    /** A fold's model (null when it has no sentence) and what it was trained on. */
    private record FoldModel(KneserNeyModel model, FoldInfo info) {
    }

    /** Trains one fold; fold -1 trains on every document. */
    private static FoldModel trainFold(ObjectStore store, List<String> inputKeys, int order, long cap, long[] foldTokens,
                                      int fold) {
        long corpus = foldTokens == null ? -1 : fold < 0 ? foldTokens[0] + foldTokens[1] : foldTokens[fold];
        TrainingSample sample = corpus < 0 || cap == Long.MAX_VALUE ? TrainingSample.ALL : TrainingSample.of(corpus, cap);
        KneserNeyTrainer trainer = new KneserNeyTrainer(order, cap);
        long[] docs = {0};
        // a document of another fold or outside the sample is skipped on its id, unparsed (JsonIdPeek)
        Shards.forEachDocument(store, inputKeys, id -> (fold < 0 || fold(id) == fold) && sample.admits(id), d -> {
            NgramGenerator.addDocument(trainer, d);
            docs[0]++;
        });
        KneserNeyModel m = docs[0] == 0 ? null : buildOrNull(trainer);
        FoldInfo info = new FoldInfo(fold, corpus, sample.rate(), trainer.tokens(), trainer.capped(),
                m == null ? 0 : m.vocabSize(), m != null && m.discountFallbackUsed());
        return new FoldModel(m, info);
    }

    /** Models loaded from their artifacts (the same model twice when not cross-fitted). */
    static ReferenceModels of(KneserNeyModel fold0, KneserNeyModel fold1, boolean crossFitted) {
        return new ReferenceModels(new KneserNeyModel[] {fold0, fold1}, crossFitted);
    }

    /** The model of a fold (0 or 1). */
    KneserNeyModel fold(int f) {
        return byFold[f];
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
