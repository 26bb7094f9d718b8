package dev.tailguard.core.pipeline;

import dev.tailguard.core.corpus.GramSet;
import dev.tailguard.core.corpus.GramSetWriter;
import dev.tailguard.core.corpus.RealTextIndex;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The run's corpus-level structures, built once by the score stage's plan and stored as compact artifacts under
 * {@code work/score/}: the two cross-fitted reference language models as {@code KneserNeyModel} binaries
 * ({@value #LM_PREFIX}{@code <fold>.bin}, the {@code lm --save} format: no retraining when loaded), the real corpus's
 * 13-gram set ({@value #GRAMS}, {@link GramSet}: sorted hashes, memory-mapped) and what they were built from
 * ({@value #INFO}). Every task (any process) loads them read-only, once per process and run ({@link SharedModels}),
 * instead of retraining or re-indexing the corpus; the score merge reads only the summary. The info file is written
 * last, so its presence means the artifacts are complete (a redelivered plan skips the build).
 */
final class CorpusArtifacts {

    static final String LM_PREFIX = "reference-lm-";
    static final String GRAMS = "real-13grams.bin";
    static final String INFO = "reference.json";

    private CorpusArtifacts() {
    }

    /**
     * What the artifacts hold.
     *
     * @param schema            version (1)
     * @param order             reference LM order
     * @param crossFitted       two fold models (else one in-sample model stored as fold 0)
     * @param maxTrainingTokens cap per model ({@code tailguard.reference.max-training-tokens})
     * @param folds             per model: what it was trained on
     * @param gramK             k of the memorisation set (13)
     * @param realGrams         distinct real k-grams in the set
     * @param realTokens        real tokens indexed
     */
    record Info(int schema, int order, boolean crossFitted, long maxTrainingTokens, List<ReferenceModels.FoldInfo> folds,
                int gramK, long realGrams, long realTokens) {

        int vocabulary() {
            return folds.get(0).vocabulary();
        }

        boolean discountFallback() {
            return folds.stream().anyMatch(ReferenceModels.FoldInfo::discountFallback);
        }
    }

    /** Streams the real documents once (in the plan's pass): 13-grams into the set, tokens counted per fold. */
    static final class Builder implements AutoCloseable {
        private final GramSetWriter grams = new GramSetWriter(RealTextIndex.DEFAULT_K);
        private final long[] foldTokens = new long[2];
        /** The folds' token totals the generate stage counted, or null when not known. */
        private final long[] expectedFoldTokens;
        /** Fold trainers fed during the plan's pass, when the totals (hence the sample) are known beforehand. */
        private ReferenceModels.Training training;

        /** A builder that trains the reference models from a second read of the input in {@link #finish}. */
        Builder() {
            this(null, 0, 0);
        }

        /**
         * A builder that, given the folds' token totals the generate stage counted over the same input
         * ({@code GenerateStage.Ingested#foldTokens}), trains the reference models from the documents handed to
         * {@link #offerReal} during the plan's own pass. {@link #finish} checks the totals against those it counted;
         * if they differ it drops that training and trains from a second read, so the models never depend on the hint.
         */
        Builder(long[] expectedFoldTokens, int order, long maxTrainingTokens) {
            this.expectedFoldTokens = expectedFoldTokens == null ? null : expectedFoldTokens.clone();
            if (this.expectedFoldTokens != null) {
                training = new ReferenceModels.Training(order, maxTrainingTokens, this.expectedFoldTokens);
            }
        }

        /** The next real document in reading order, for the fold trainers started by the constructor (if any). */
        void offerReal(Document d) {
            if (training != null) {
                training.offer(d);
            }
        }

        void addReal(Document d) {
            addReal(d.id(), Tokenizer.tokenHashes(d.text()));
        }

        /** {@link #addReal(Document)} from the document's id and {@code Tokenizer.words} token hashes ({@link NgramHash#tokens}). */
        void addReal(String id, long[] tokenHashes) {
            addRealGrams(id, GramSetWriter.grams(tokenHashes, grams.k()), tokenHashes.length);
        }

        /** {@link #addReal(String, long[])} with the document's k-gram hashes already computed ({@link #grams}). */
        void addRealGrams(String id, long[] gramHashes, long tokens) {
            grams.addGrams(gramHashes, tokens);
            foldTokens[ReferenceModels.fold(id)] += tokens;
        }

        /** The k-gram hashes {@link #addRealGrams} takes, of one document's token hashes (pure; any thread). */
        long[] grams(long[] tokenHashes) {
            return GramSetWriter.grams(tokenHashes, grams.k());
        }

        /** Writes the 13-gram set, trains and writes the reference models, then the info file. */
        Info finish(RunContext ctx, List<String> inputKeys, long maxTrainingTokens) {
            ObjectStore store = ctx.store();
            WorkLayout work = ctx.work();
            // the 13-gram runs merge into the set on a thread of their own while the reference models train
            java.util.concurrent.CompletableFuture<Long> merged = Background.start("tailguard-gram-merge", () -> {
                try {
                    return put(store, work.artifact(ScoreStage.STAGE, GRAMS), grams::writeTo);
                } finally {
                    grams.close();
                }
            });
            ReferenceModels.Trained t;
            if (training != null && Arrays.equals(foldTokens, expectedFoldTokens)) {
                t = training.finish(store, inputKeys);
            } else {
                if (training != null) {
                    training.abandon();
                    training = null;
                }
                t = ReferenceModels.train(store, inputKeys, ctx.config().order(), maxTrainingTokens, foldTokens.clone());
            }
            long distinct = Background.join(merged);
            int models = t.models().crossFitted() ? 2 : 1;
            for (int f = 0; f < models; f++) {
                writeModel(store, work.artifact(ScoreStage.STAGE, LM_PREFIX + f + ".bin"), t.models().fold(f));
            }
            Info info = new Info(1, ctx.config().order(), t.models().crossFitted(), maxTrainingTokens, t.folds(),
                    RealTextIndex.DEFAULT_K, distinct, grams.tokens());
            GenerateStage.write(store, work.artifact(ScoreStage.STAGE, INFO), info);
            return info;
        }

        @Override
        public void close() {
            grams.close();
        }
    }

    /** The artifacts' summary, or null when the plan has not built them yet. */
    static Info info(ObjectStore store, WorkLayout work) {
        String key = work.artifact(ScoreStage.STAGE, INFO);
        try {
            return store.exists(key) ? GenerateStage.read(store, key, Info.class) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference models, loaded from their binaries (no training). */
    static ReferenceModels reference(ObjectStore store, WorkLayout work) {
        Info info = require(store, work);
        KneserNeyModel f0 = local(store, work.artifact(ScoreStage.STAGE, LM_PREFIX + "0.bin"), KneserNeyModel::load);
        KneserNeyModel f1 = info.crossFitted()
                ? local(store, work.artifact(ScoreStage.STAGE, LM_PREFIX + "1.bin"), KneserNeyModel::load) : f0;
        return ReferenceModels.of(f0, f1, info.crossFitted());
    }

    /** The real 13-gram set, memory-mapped. */
    static GramSet grams(ObjectStore store, WorkLayout work) {
        require(store, work);
        return local(store, work.artifact(ScoreStage.STAGE, GRAMS), p -> {
            try {
                return GramSet.open(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Info require(ObjectStore store, WorkLayout work) {
        Info info = info(store, work);
        if (info == null) {
            throw new IllegalStateException("the score plan has not written " + store.describe(
                    work.artifact(ScoreStage.STAGE, INFO)) + " yet");
        }
        return info;
    }

    private interface Body {
        long write(OutputStream out) throws IOException;
    }

    /** Writes an artifact through a temporary file (the store takes files) and returns the body's result. */
    private static long put(ObjectStore store, String key, Body body) {
        try {
            Path tmp = Files.createTempFile("tailguard-artifact", ".bin");
            try {
                long r;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    r = body.write(out);
                }
                store.put(key, tmp);
                return r;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + store.describe(key), e);
        }
    }

    /** Stores a language model in the {@code lm --save} format (saved once to a temporary file, then put). */
    static void writeModel(ObjectStore store, String key, KneserNeyModel model) {
        try {
            Path tmp = Files.createTempFile("tailguard-lm", ".bin");
            try {
                model.save(tmp);
                store.put(key, tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + store.describe(key), e);
        }
    }

    /** Copies an artifact to a temporary file, opens it with {@code open} and deletes the copy. */
    static <T> T local(ObjectStore store, String key, Function<Path, T> open) {
        try {
            Path tmp = Files.createTempFile("tailguard-artifact", ".bin");
            try {
                try (InputStream in = store.open(key)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                return open.apply(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + store.describe(key), e);
        }
    }
}
