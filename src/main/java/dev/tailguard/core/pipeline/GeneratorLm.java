package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.NgramGenerator;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.lm.TrainingSample;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.store.ObjectStore;

import java.util.List;

/**
 * The {@code ngram} generator's language model, trained once per run by the generate plan on a bounded,
 * deterministic sample of the real input and stored as a binary artifact ({@code work/generate/generator-lm.bin},
 * {@link KneserNeyModel#save} format), so tasks on any worker load it instead of retraining on the whole corpus.
 *
 * <p>The sample: a document is admitted when the seeded hash of its id falls below
 * {@code cap / corpusTokens} ({@link TrainingSample}); the trainer then refuses sentences beyond the cap exactly
 * ({@link KneserNeyTrainer#KneserNeyTrainer(int, long)}). Which documents train the model depends on ids and the
 * cap only, never on worker count or shard order. The sample seed differs from the reference models' (seed 0), so the
 * generator's training sample is not the reference models' sample.
 */
final class GeneratorLm {

    /** Artifact name under {@code work/generate/}. */
    static final String ARTIFACT = "generator-lm.bin";
    /** Cache kind in {@link SharedModels}. */
    static final String KIND = "generator-lm";
    /** Hash seed of the generator's training sample (any fixed value other than the reference models' 0). */
    static final long SAMPLE_SEED = 0x67656e6c6dL;

    private GeneratorLm() {
    }

    /**
     * What the generator's model was trained on (stored in {@code ingested.json}, copied to the generate manifest).
     *
     * @param key               the model artifact's key
     * @param order             n-gram order
     * @param maxTrainingTokens the cap ({@code tailguard.generate.max-training-tokens}; 0 = uncapped)
     * @param corpusTokens      tokens of the real input ({@code Tokenizer.words})
     * @param sampleRate        share of documents admitted by id hash
     * @param trainedTokens     tokens the model was trained on (without sentence markers)
     * @param capped            true when the trainer refused sentences at the cap
     * @param vocabulary        model vocabulary size
     */
    record Info(String key, int order, long maxTrainingTokens, long corpusTokens, double sampleRate,
                long trainedTokens, boolean capped, int vocabulary) {
    }

    /** A trained model and what it was trained on. */
    record Trained(KneserNeyModel model, Info info) {
    }

    /**
     * Trains the model on the sample of the input shards and writes it to the store.
     *
     * @param maxTrainingTokens the cap, 0 = uncapped
     * @throws PipelineFailure when no admitted document has a sentence
     */
    static Trained train(RunContext ctx, List<String> inputKeys, long corpusTokens, long maxTrainingTokens) {
        ObjectStore store = ctx.store();
        int order = ctx.config().order();
        long cap = maxTrainingTokens == 0 ? Long.MAX_VALUE : maxTrainingTokens;
        TrainingSample sample = cap == Long.MAX_VALUE ? TrainingSample.ALL
                : new TrainingSample(TrainingSample.of(corpusTokens, cap).rate(), SAMPLE_SEED);
        KneserNeyTrainer trainer = new KneserNeyTrainer(order, cap);
        // a document the sample does not admit is skipped on its id, unparsed (JsonIdPeek)
        Shards.forEachDocument(store, inputKeys, sample::admits, d -> {
            if (!trainer.capped()) {
                NgramGenerator.addDocument(trainer, d);
            }
        });
        KneserNeyModel model;
        try {
            model = trainer.build();
        } catch (IllegalStateException e) {
            throw new PipelineFailure(GenerateStage.STAGE, "cannot train the ngram generator: " + e.getMessage());
        }
        String key = ctx.work().artifact(GenerateStage.STAGE, ARTIFACT);
        CorpusArtifacts.writeModel(store, key, model);
        Info info = new Info(key, order, maxTrainingTokens, corpusTokens, sample.rate(), trainer.tokens(),
                trainer.capped(), model.vocabSize());
        return new Trained(model, info);
    }

    /** The run's model: from this process's cache, else loaded from its artifact (no training). */
    static KneserNeyModel load(RunContext ctx, Info info) {
        if (info == null) {
            throw new PipelineFailure(GenerateStage.STAGE, "the generate plan recorded no generator model (a run planned"
                    + " by an older version: start it again)");
        }
        return SharedModels.get(ctx.store(), ctx.runId(), KIND, () -> read(ctx.store(), info.key()));
    }

    /** Puts a model the plan has just trained into this process's cache, so local tasks need not reload it. */
    static void share(RunContext ctx, KneserNeyModel model) {
        SharedModels.get(ctx.store(), ctx.runId(), KIND, () -> model);
    }

    private static KneserNeyModel read(ObjectStore store, String key) {
        return CorpusArtifacts.local(store, key, KneserNeyModel::load);
    }
}
