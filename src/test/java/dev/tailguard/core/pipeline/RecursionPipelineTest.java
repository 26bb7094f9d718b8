package dev.tailguard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recursion on the real pipeline (issue 11 item 5): three generations of {@code accumulate}, each run's input the
 * previous run's blended output, named by its store keys (Tailguard's own published output, whose provenance is
 * trusted: documents carry {@code seed_ids}, {@code generation}, {@code run_id}; the same file read as a plain local
 * path is external input whose provenance is only a claim, so it would re-enter as real-origin).
 * <ul>
 *   <li>input documents are cross-fitted by their own id: every input document's recorded perplexity is the one of
 *       the fold model that did not train on it, also when its {@code seed_ids} point into the other fold;</li>
 *   <li>accumulate keeps every real-origin document and never grows the data geometrically: the blend stays within
 *       real-origin / min-real-fraction in every generation, with synthetic-origin documents counted as synthetic.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecursionPipelineTest {

    @TempDir
    static Path dir;

    private LocalObjectStore store;
    private final List<Map<String, Object>> counts = new ArrayList<>();
    private final List<List<Document>> blended = new ArrayList<>();

    @BeforeAll
    void threeGenerations() throws IOException {
        store = new LocalObjectStore(dir.resolve("store"));
        Path input = dir.resolve("sotu-slice.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/collapse/sotu-slice.jsonl")) {
            Files.write(input, in.readAllBytes());
        }
        List<String> inputs = List.of(input.toString());
        for (int g = 1; g <= 3; g++) {
            String run = "gen" + g;
            Pipeline.run(new RunRequested(run, inputs, RunConfig.defaults(g)), store);
            Map<String, Object> report = Manifest.read(store, "runs/" + run + "/report/report.json");
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) report.get("counts");
            counts.add(c);
            List<String> keys = Manifest.keys(Manifest.read(store, "runs/" + run + "/blended/_SUCCESS.json"), "blended");
            List<Document> docs = new ArrayList<>();
            Shards.forEachDocument(store, keys, docs::add);
            blended.add(docs);
            List<String> next = new ArrayList<>();
            for (String k : keys) {
                next.add("store:" + k);
            }
            inputs = next;
        }
    }

    private static boolean syntheticOrigin(Document d) {
        return BlendPlan.isSyntheticOrigin(d);
    }

    @Test
    void accumulateNeverGrowsGeometrically() {
        long realOrigin0 = blended.get(0).stream().filter(d -> !syntheticOrigin(d)).count();
        for (int g = 0; g < 3; g++) {
            List<Document> b = blended.get(g);
            long real = b.stream().filter(d -> !syntheticOrigin(d)).count();
            long syn = b.size() - real;
            String at = "generation " + (g + 1);
            assertThat(real).as(at + ": every real-origin document is kept").isEqualTo(realOrigin0);
            assertThat((double) real / b.size()).as(at + ": real-origin floor 0.7 counted by origin")
                    .isGreaterThanOrEqualTo(0.7);
            assertThat(syn).as(at + ": at most one generation's budget r/(1-r) of real-origin")
                    .isLessThanOrEqualTo((long) Math.floor(0.3 / 0.7 * realOrigin0) + 1);
            assertThat(b.size()).as(at + ": bounded by real-origin / floor, not real / 0.7^k")
                    .isLessThanOrEqualTo((int) Math.ceil(realOrigin0 / 0.7));
        }
        assertThat(blended.get(2).stream().filter(RecursionPipelineTest::syntheticOrigin).count())
                .as("the chain really is recursive: earlier synthetic documents re-enter as synthetic-origin input")
                .isGreaterThan(0);
        assertThat(blended.get(2).size()).as("generation 3 is no larger than generation 1 (budget already used)")
                .isLessThanOrEqualTo(blended.get(0).size());
        System.out.printf("RecursionPipelineTest: blended sizes %d, %d, %d (real-origin %d; geometric would be %.0f)%n",
                blended.get(0).size(), blended.get(1).size(), blended.get(2).size(), realOrigin0,
                realOrigin0 / Math.pow(0.7, 3));
    }

    @Test
    void inputDocumentsWithSeedIdsAreCrossFittedByTheirOwnId() {
        Map<String, Object> gen = Manifest.read(store, "runs/gen3/synthetic/_SUCCESS.json");
        List<String> inputKeys = Manifest.keys(gen, "input");
        ReferenceModels ref = ReferenceModels.train(store, inputKeys, 3);
        assertThat(ref.crossFitted()).isTrue();
        Map<String, Document> inputs = new HashMap<>();
        Shards.forEachDocument(store, inputKeys, d -> inputs.put(d.id(), d));
        Map<String, Double> recorded = new HashMap<>();
        List<String> scoreKeys = Manifest.keys(Manifest.read(store, "runs/gen3/scores/_SUCCESS.json"), "scores_real");
        Shards.forEachObject(store, scoreKeys, s -> recorded.put((String) s.get("id"),
                ((Number) s.get("perplexity")).doubleValue()));
        int withSeeds = 0;
        int seedInOtherFold = 0;
        for (Document d : inputs.values()) {
            if (!(d.metadata().get(Provenance.SEED_IDS) instanceof List<?> seeds) || seeds.isEmpty()) {
                continue;
            }
            withSeeds++;
            double own = perplexity(d, ref.forInput(d));
            assertThat(recorded.get(d.id())).as(d.id() + " scored by the fold that did not see it").isEqualTo(own);
            if (ref.forInput(d) != ref.forCandidate(d)) {
                seedInOtherFold++;
                assertThat(own).as(d.id() + ": out-of-sample perplexity differs from the in-sample one")
                        .isNotEqualTo(perplexity(d, ref.forCandidate(d)));
            }
        }
        assertThat(withSeeds).as("generation-3 input holds documents with seed_ids lineage").isGreaterThan(0);
        assertThat(seedInOtherFold).as("some seeds lie in the other fold (the case the bug hit)").isGreaterThan(0);
    }

    /** As the score stage computes it: per token incl. one {@code </s>} per sentence, rounded like the scores. */
    private static double perplexity(Document d, dev.tailguard.core.lm.KneserNeyModel m) {
        double lp = 0;
        long n = 0;
        for (String sent : dev.tailguard.core.text.Tokenizer.sentences(d.text())) {
            List<String> toks = dev.tailguard.core.text.Tokenizer.words(sent);
            if (!toks.isEmpty()) {
                lp += m.log10Sentence(toks);
                n += toks.size() + 1;
            }
        }
        return Numbers.round(n == 0 ? 0 : Math.pow(10, -lp / n));
    }
}
