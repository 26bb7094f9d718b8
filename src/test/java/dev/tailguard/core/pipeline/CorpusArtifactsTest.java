package dev.tailguard.core.pipeline;

import dev.tailguard.core.corpus.GramSet;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorpusArtifactsTest {

    @TempDir
    Path dir;

    private static List<Document> corpus(int n) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Document("doc-" + i, "The ship sailed on the grey sea at dawn number " + i
                    + ". The crew sang a long song about whales and rope and tar " + (i % 7) + ".", "t", Map.of()));
        }
        return out;
    }

    private List<String> write(LocalObjectStore store, List<Document> docs) {
        ShardWriter w = new ShardWriter(store, "in/", "part", false, 100);
        docs.forEach(d -> w.write(Documents.toMap(d)));
        w.close();
        return w.keys();
    }

    private CorpusArtifacts.Info build(LocalObjectStore store, List<String> keys, List<Document> docs, long cap) {
        RunContext ctx = new RunContext(FrozenRun.of("run-art", keys, RunConfig.defaults(1), TaskLimits.DEFAULTS), store);
        try (CorpusArtifacts.Builder b = new CorpusArtifacts.Builder()) {
            docs.forEach(b::addReal);
            return b.finish(ctx, keys, cap);
        }
    }

    @Test
    void loadedModelsAndGramSetEqualWhatTrainingInMemoryGives() {
        LocalObjectStore store = new LocalObjectStore(dir);
        List<Document> docs = corpus(40);
        List<String> keys = write(store, docs);
        CorpusArtifacts.Info info = build(store, keys, docs, Long.MAX_VALUE);

        assertThat(info.crossFitted()).isTrue();
        assertThat(info.folds()).hasSize(2).noneMatch(ReferenceModels.FoldInfo::capped);
        ReferenceModels trained = ReferenceModels.train(store, keys, 3);
        ReferenceModels loaded = CorpusArtifacts.reference(store, new dev.tailguard.core.pipeline.runner.WorkLayout("run-art"));
        for (Document d : docs) {
            List<String> toks = Tokenizer.words(d.text());
            assertThat(loaded.forInput(d).log10Sentence(toks)).isEqualTo(trained.forInput(d).log10Sentence(toks));
        }
        GramSet grams = CorpusArtifacts.grams(store, new dev.tailguard.core.pipeline.runner.WorkLayout("run-art"));
        long[] o = grams.overlap(Tokenizer.words(docs.get(3).text()));
        assertThat(o[1]).isEqualTo(o[0]).isPositive();
        assertThat(grams.overlap(Tokenizer.words("nothing of this was ever in the real corpus at all, not one bit of it")))
                .containsExactly(5, 0);
        assertThat(info.realTokens()).isEqualTo(docs.stream().mapToLong(d -> Tokenizer.words(d.text()).size()).sum());
    }

    @Test
    void theCapBoundsEachFoldModelAndIsRecorded() {
        LocalObjectStore store = new LocalObjectStore(dir);
        List<Document> docs = corpus(200);
        List<String> keys = write(store, docs);
        CorpusArtifacts.Info info = build(store, keys, docs, 300);
        assertThat(info.maxTrainingTokens()).isEqualTo(300);
        for (ReferenceModels.FoldInfo f : info.folds()) {
            assertThat(f.trainedTokens()).isPositive().isLessThanOrEqualTo(300);
            assertThat(f.sampleRate()).isLessThan(1.0);
            assertThat(f.corpusTokens()).isGreaterThan(300);
        }
    }

    @Test
    void tasksCannotLoadArtifactsThePlanHasNotWritten() {
        LocalObjectStore store = new LocalObjectStore(dir);
        assertThat(CorpusArtifacts.info(store, new dev.tailguard.core.pipeline.runner.WorkLayout("run-none"))).isNull();
        assertThatThrownBy(() -> CorpusArtifacts.reference(store, new dev.tailguard.core.pipeline.runner.WorkLayout("run-none")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reference.json");
    }

    /** The two reference-model binaries of a built store. */
    private static List<byte[]> models(LocalObjectStore store) throws java.io.IOException {
        var work = new dev.tailguard.core.pipeline.runner.WorkLayout("run-art");
        List<byte[]> out = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            try (var in = store.open(work.artifact(ScoreStage.STAGE, CorpusArtifacts.LM_PREFIX + f + ".bin"))) {
                out.add(in.readAllBytes());
            }
        }
        return out;
    }

    private CorpusArtifacts.Info buildInPass(LocalObjectStore store, List<String> keys, List<Document> docs, long cap,
                                             long[] expected) {
        RunContext ctx = new RunContext(FrozenRun.of("run-art", keys, RunConfig.defaults(1), TaskLimits.DEFAULTS), store);
        try (CorpusArtifacts.Builder b = new CorpusArtifacts.Builder(expected, ctx.config().order(), cap)) {
            docs.forEach(d -> {
                b.addReal(d);
                b.offerReal(d);
            });
            return b.finish(ctx, keys, cap);
        }
    }

    @Test
    void modelsTrainedDuringThePlansPassEqualThoseOfASecondRead() throws Exception {
        List<Document> docs = corpus(200);
        long[] folds = new long[2];
        docs.forEach(d -> folds[ReferenceModels.fold(d.id())] += Tokenizer.words(d.text()).size());
        for (long cap : new long[] {300, Long.MAX_VALUE}) {
            LocalObjectStore twoPass = new LocalObjectStore(dir.resolve("two-" + cap));
            List<String> keys = write(twoPass, docs);
            CorpusArtifacts.Info reference = build(twoPass, keys, docs, cap);

            LocalObjectStore onePass = new LocalObjectStore(dir.resolve("one-" + cap));
            write(onePass, docs);
            assertThat(buildInPass(onePass, keys, docs, cap, folds)).isEqualTo(reference);
            assertThat(models(onePass)).zipSatisfy(models(twoPass), (a, b) -> assertThat(a).isEqualTo(b));

            // a wrong hint (totals that do not match the pass) is dropped: the models come from a second read
            LocalObjectStore wrongHint = new LocalObjectStore(dir.resolve("wrong-" + cap));
            write(wrongHint, docs);
            assertThat(buildInPass(wrongHint, keys, docs, cap, new long[] {folds[0] / 2, folds[1] * 3})).isEqualTo(reference);
            assertThat(models(wrongHint)).zipSatisfy(models(twoPass), (a, b) -> assertThat(a).isEqualTo(b));
        }
    }
}
