package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.lm.KneserNeyModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's CPU cuts in {@link AnchorBuilder} (interning passes, the anchor's pass and classifier baseline beside the
 * LM, perplexity scored on two threads) freeze the same anchor, byte for byte, as the former sequential
 * {@code build} (kept here as the oracle, on {@link FormerAnchorCode}'s passes), for builders fed alone or merged.
 */
class AnchorBuilderIdentityTest {

    @Test
    void theAnchorIsTheFormerAnchorByteForByte() throws Exception {
        List<Document> docs = new ArrayList<>(CollapseKnownAnswerTest.read("sotu-slice.jsonl"));
        docs.addAll(CollapseKnownAnswerTest.read("moby-dick-slice.jsonl"));
        AnchorSplit split = new AnchorSplit(0.2, AnchorSplit.DEFAULT_SALT);
        for (CollapseConfig cfg : List.of(new CollapseConfig(3, 2, 64, 512, 5, 5, 64, 3, 200, 1L, 40_000L),
                new CollapseConfig(2, 1, 16, 40, 3, 3, 16, 3, 100, 9L, 1_000L))) {
            byte[] expected = Json.MAPPER.writeValueAsBytes(former(docs, split, cfg));
            AnchorBuilder alone = new AnchorBuilder(split, cfg);
            docs.forEach(alone::add);
            assertThat(Json.MAPPER.writeValueAsBytes(alone.build(null))).as("one builder").isEqualTo(expected);
            AnchorBuilder first = new AnchorBuilder(split, cfg);
            AnchorBuilder second = new AnchorBuilder(split, cfg);
            for (int i = 0; i < docs.size(); i++) {
                (i % 3 == 0 ? second : first).add(docs.get(i));
            }
            first.merge(second);
            Anchor merged = first.build(null);
            assertThat(Json.MAPPER.writeValueAsBytes(merged)).as("two builders merged").isEqualTo(expected);
            assertThat(merged.documents()).hasSizeGreaterThan(20);
            assertThat(merged.baseline().lmTrainingTokens(merged.realTokens())).isLessThan(merged.realTokens());
        }
    }

    /** {@code AnchorBuilder.build} before issue 12, with the former passes and scoring. */
    private static Anchor former(List<Document> docs, AnchorSplit split, CollapseConfig cfg) {
        List<AnchorDocument> held = new ArrayList<>();
        FormerAnchorCode.Pass real = new FormerAnchorCode.Pass(cfg.order(), cfg.lmMaxTokens(), cfg.windowTokens(),
                Math.max(cfg.maxWindows(), cfg.maxChunks()));
        for (Document d : docs) {
            if (split.isAnchor(d.id())) {
                held.add(new AnchorDocument(d.id(), d.text()));
            } else {
                real.add(d);
            }
        }
        held.sort(Comparator.comparing(AnchorDocument::id));
        FormerAnchorCode.Pass view = new FormerAnchorCode.Pass(0, 0, cfg.windowTokens(),
                Math.max(cfg.maxWindows(), cfg.maxChunks()));
        for (AnchorDocument d : held) {
            view.add(new Document(d.id(), d.text(), "anchor", Map.of()));
        }
        Map<String, Long> all = real.counts();
        Map<String, Long> realCounts = new TreeMap<>();
        for (String t : view.counts().keySet()) {
            if (all.get(t) != null) {
                realCounts.put(t, all.get(t));
            }
        }
        C2st.Result c2st = C2st.run(view.windows(), real.windows(), cfg);
        KneserNeyModel model = real.model();
        Perplexities.Doc scores = FormerAnchorCode.score(model, held);
        double[] rounded = new double[scores.log10().length];
        for (int i = 0; i < rounded.length; i++) {
            rounded[i] = Math.round(scores.log10()[i] * 1e6) / 1e6;
        }
        CollapseBaseline baseline = new CollapseBaseline(rounded, scores.tokens(), c2st, null,
                cfg.lmMaxTokens() > 0 ? real.lmTrainedTokens : 0L);
        return new Anchor(Anchor.VERSION, split, cfg, held, view.tokens, new TreeMap<>(view.counts()),
                real.documents, real.tokens, all.size(), realCounts, null, baseline);
    }
}
