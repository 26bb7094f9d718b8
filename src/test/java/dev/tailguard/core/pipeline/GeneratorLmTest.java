package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.WorkLayout;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.testing.RunSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's model: trained once in the plan on a capped id-hash sample, stored, loaded by the tasks. */
class GeneratorLmTest {

    private static final TaskLimits SMALL = new TaskLimits(3, 40_000);

    @TempDir
    static Path dir;
    static Path input;

    @BeforeAll
    static void corpus() throws IOException {
        input = TestCorpus.write(dir, 14);
    }

    private static RunRequested req(String runId) {
        return new RunRequested(runId, List.of(input.toString()), ShardedRunTest.config());
    }

    private static GenerateStage.Ingested ingested(LocalObjectStore store, String runId) {
        return GenerateStage.read(store, new WorkLayout(runId).artifact(GenerateStage.STAGE, GenerateStage.INGESTED),
                GenerateStage.Ingested.class);
    }

    private static GenerateStage.Ingested generate(Path out, String runId, GenerateSettings settings, int workers) {
        LocalObjectStore store = new LocalObjectStore(out);
        FrozenRun run = FrozenRun.of(req(runId), SMALL).freeze(store);
        if (workers == 1) {
            StageChain.inline(StageChain.runner(store, GeneratorSelector.NGRAM_ONLY, settings), run.runId(),
                    GenerateStage.STAGE);
        } else {
            Pipeline.run(req(runId), store, GeneratorSelector.NGRAM_ONLY, settings, workers, SMALL);
        }
        return ingested(store, runId);
    }

    @Test
    void uncappedTrainsOnEveryRealTokenAndRecordsItInTheManifest() throws IOException {
        GenerateStage.Ingested in = generate(dir.resolve("uncapped"), "run-uncapped",
                GenerateSettings.defaults().withMaxTrainingTokens(0), 1);
        GeneratorLm.Info lm = in.generatorLm();
        assertThat(in.realTokens()).isGreaterThan(10_000);
        assertThat(lm.maxTrainingTokens()).isZero();
        assertThat(lm.sampleRate()).isEqualTo(1.0);
        assertThat(lm.capped()).isFalse();
        assertThat(lm.corpusTokens()).isEqualTo(in.realTokens());
        // sentence splitting keeps every word token, so the model saw the whole input
        assertThat(lm.trainedTokens()).isEqualTo(in.realTokens());
        Map<String, Object> m = Manifest.read(new LocalObjectStore(dir.resolve("uncapped")),
                new RunLayout("run-uncapped").manifest("synthetic"));
        assertThat(m.get("generator_lm")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("trainedTokens", (int) lm.trainedTokens()).containsEntry("maxTrainingTokens", 0);
    }

    @Test
    void aCapSamplesByIdHashAndBoundsTheTrainingTokens() {
        long cap = 3_000;
        GenerateStage.Ingested in = generate(dir.resolve("capped"), "run-capped",
                GenerateSettings.defaults().withMaxTrainingTokens(cap), 1);
        GeneratorLm.Info lm = in.generatorLm();
        assertThat(lm.maxTrainingTokens()).isEqualTo(cap);
        assertThat(lm.sampleRate()).isCloseTo((double) cap / in.realTokens(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lm.trainedTokens()).isPositive().isLessThanOrEqualTo(cap);
        assertThat(new LocalObjectStore(dir.resolve("capped")).describe(lm.key())).endsWith(GeneratorLm.ARTIFACT);
    }

    @Test
    void aCappedRunIsByteIdenticalForOneAndTwoWorkers() throws IOException {
        GenerateSettings capped = GenerateSettings.defaults().withMaxTrainingTokens(3_000);
        SharedModels.clear();
        Pipeline.run(req("run-cap-w"), new LocalObjectStore(dir.resolve("cap-w1")), GeneratorSelector.NGRAM_ONLY,
                capped, 1, SMALL);
        SharedModels.clear();
        Pipeline.run(req("run-cap-w"), new LocalObjectStore(dir.resolve("cap-w2")), GeneratorSelector.NGRAM_ONLY,
                capped, 2, SMALL);
        RunSnapshot.assertSame(dir.resolve("cap-w2/runs/run-cap-w"), dir.resolve("cap-w1/runs/run-cap-w"));
        assertThat(RunSnapshot.of(dir.resolve("cap-w1/runs/run-cap-w")))
                .containsKey("work/generate/" + GeneratorLm.ARTIFACT);
    }

    @Test
    void aTaskOnAnotherProcessLoadsTheStoredModelInsteadOfRetraining() {
        Path out = dir.resolve("reload");
        GenerateStage.Ingested in = generate(out, "run-reload", GenerateSettings.defaults(), 1);
        SharedModels.clear();
        LocalObjectStore store = new LocalObjectStore(out);
        dev.tailguard.core.pipeline.runner.RunContext ctx = new dev.tailguard.core.pipeline.runner.RunContext(
                FrozenRun.load(store, "run-reload"), store);
        assertThat(GeneratorLm.load(ctx, in.generatorLm()).vocabSize()).isEqualTo(in.generatorLm().vocabulary());
    }

    @Test
    void aNegativeOrUnparsableCapIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> GenerateSettings.from(k -> GenerateSettings.MAX_TRAINING_TOKENS_KEY.equals(k)
                ? Optional.of("-1") : Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(GenerateSettings.MAX_TRAINING_TOKENS_KEY);
        assertThatThrownBy(() -> GenerateSettings.from(k -> GenerateSettings.MAX_TRAINING_TOKENS_KEY.equals(k)
                ? Optional.of("lots") : Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(GenerateSettings.MAX_TRAINING_TOKENS_KEY);
        assertThat(GenerateSettings.from(k -> Optional.empty()).maxTrainingTokens())
                .isEqualTo(GenerateSettings.DEFAULT_MAX_TRAINING_TOKENS);
    }
}
