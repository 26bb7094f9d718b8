package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The report's collapse measurement holds structures bounded by configuration, not by the corpus (issue 12): the
 * same anchor measured against 1x and 4x the blended output holds the same LM sample, the same counted types and
 * the same window samples; the LM sample is the same whatever the document order. Sizes, never times.
 */
class BoundedMeasurementTest {

    private static final long CAP = 5_000;
    private static final CollapseConfig CAPPED = new CollapseConfig(3, 2, 64, 64, 5, 0, 32, 3, 200, 1L, CAP);
    private static final AnchorSplit SPLIT = new AnchorSplit(0.15, AnchorSplit.DEFAULT_SALT);
    private static final Predicate<Document> SYNTHETIC = d -> Math.floorMod(d.id().hashCode(), 3) == 0;

    @Test
    void lmSampleIsTheHashPrefixWithinItsBudgetWhateverTheOrder() {
        Random rnd = new Random(7);
        List<String> ids = new ArrayList<>();
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            ids.add("doc-" + i);
            tokens.add(1L + rnd.nextInt(300));
        }
        LmSample forward = offerAll(ids, tokens, false);
        LmSample backward = offerAll(ids, tokens, true);
        assertThat(backward.documents()).isEqualTo(forward.documents());
        assertThat(forward.heldTokens()).isLessThanOrEqualTo(CAP).isGreaterThan(CAP - 300);
        assertThat(forward.seenDocuments()).isEqualTo(2_000);
        // the definition: sort all by hash, keep the longest prefix within the budget
        List<LmSample.Held> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            all.add(new LmSample.Held(TextPass.hash(ids.get(i), -2), ids.get(i), "", tokens.get(i)));
        }
        all.sort(Comparator.comparingLong(LmSample.Held::hash).thenComparing(LmSample.Held::id));
        long sum = 0;
        List<String> expected = new ArrayList<>();
        for (LmSample.Held h : all) {
            if (sum + h.tokens() > CAP) {
                break;
            }
            sum += h.tokens();
            expected.add(h.id());
        }
        assertThat(forward.documents()).extracting(LmSample.Held::id).isEqualTo(expected);
    }

    @Test
    void measurementHoldsTheSameStructuresAtOneAndFourTimesTheBlendedOutput() throws IOException {
        List<Document> docs = CollapseKnownAnswerTest.read("moby-dick-slice.jsonl");
        Anchor anchor = anchor(docs, CAPPED);
        List<Document> blended1 = docs.stream().filter(d -> !SPLIT.isAnchor(d.id())).toList();
        List<Document> blended4 = copies(blended1, 4);

        CollapseMeasurement one = measure(anchor, blended1);
        CollapseMeasurement four = measure(anchor, blended4);
        CollapseMeasurement.Footprint f1 = one.footprint();
        CollapseMeasurement.Footprint f4 = four.footprint();

        assertThat(four.blendedTokens()).isEqualTo(4 * one.blendedTokens()).isGreaterThan(4 * CAP);
        assertThat(four.blendedDocuments()).isEqualTo(4 * one.blendedDocuments());
        for (CollapseMeasurement.Footprint f : List.of(f1, f4)) {
            assertThat(f.lmMaxTokens()).isEqualTo(CAP);
            assertThat(f.lmTrainedTokens()).isLessThanOrEqualTo(CAP).isPositive();
            assertThat(f.lmHeldDocuments()).isEqualTo(f.lmTrainedDocuments()).isLessThan(blended1.size());
            assertThat(f.lmTrainedTokens()).isGreaterThan(CAP / 2);
            assertThat(f.countedTypes()).isLessThanOrEqualTo(anchor.anchorCounts().size());
            assertThat(f.syntheticWindows()).isLessThanOrEqualTo(Math.max(CAPPED.maxWindows(), CAPPED.maxChunks()));
        }
        // the held structures do not grow with the blended output
        assertThat(f4.countedTypes()).isEqualTo(f1.countedTypes());
        assertThat(f4.syntheticWindows()).isEqualTo(f1.syntheticWindows());
        assertThat(f4.anchorWindows()).isEqualTo(f1.anchorWindows());
        // the sample is stated in the perplexity signal
        assertThat(four.get(SignalKind.ANCHOR_PERPLEXITY).note())
                .contains("trained on " + f4.lmTrainedTokens() + " of " + four.blendedTokens() + " blended tokens")
                .contains("smallest id hash up to " + CAP + " tokens");
        assertThat(four.get(SignalKind.ANCHOR_PERPLEXITY).sampleSize()).isEqualTo(f4.lmTrainedTokens());
    }

    @Test
    void streamingOnePassEqualsTwoListsAndIgnoresOrder() throws IOException {
        List<Document> docs = CollapseKnownAnswerTest.read("sotu-slice.jsonl");
        Anchor anchor = anchor(docs, CAPPED);
        List<Document> blended = docs.stream().filter(d -> !SPLIT.isAnchor(d.id())).toList();
        List<Document> reversed = new ArrayList<>(blended);
        Collections.reverse(reversed);
        CollapseMeasurement streamed = measure(anchor, blended);
        CollapseMeasurement backwards = measure(anchor, reversed);
        CollapseMeasurement lists = CollapseSignals.measure(anchor, blended,
                blended.stream().filter(SYNTHETIC).toList(), null);
        assertThat(backwards.signals()).isEqualTo(streamed.signals());
        assertThat(lists.signals()).isEqualTo(streamed.signals());
        assertThat(lists.footprint()).isEqualTo(streamed.footprint());
    }

    @Test
    void anUncappedAnchorTrainsOnEveryDocumentAsBefore() throws IOException {
        CollapseConfig uncapped = new CollapseConfig(3, 2, 64, 64, 5, 0, 32, 3, 200, 1L, 0);
        List<Document> docs = CollapseKnownAnswerTest.read("moby-dick-slice.jsonl");
        Anchor anchor = anchor(docs, uncapped);
        assertThat(anchor.baseline().lmTrainingTokens()).isZero();
        List<Document> blended = docs.stream().filter(d -> !SPLIT.isAnchor(d.id())).toList();
        CollapseMeasurement m = measure(anchor, blended);
        assertThat(m.footprint().lmHeldDocuments()).isZero();
        assertThat(m.footprint().lmTrainedTokens()).isEqualTo(m.blendedTokens());
        assertThat(m.get(SignalKind.ANCHOR_PERPLEXITY).comparable()).isTrue();
    }

    private static CollapseMeasurement measure(Anchor anchor, List<Document> blended) {
        return CollapseSignals.measure(anchor, sink -> blended.forEach(sink), SYNTHETIC, null, "no embedding model");
    }

    private static Anchor anchor(List<Document> docs, CollapseConfig cfg) {
        AnchorBuilder b = new AnchorBuilder(SPLIT, cfg);
        docs.forEach(b::add);
        return b.build(null);
    }

    private static List<Document> copies(List<Document> docs, int n) {
        List<Document> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (Document d : docs) {
                out.add(new Document(d.id() + "~" + j, d.text(), d.source(), d.metadata()));
            }
        }
        return out;
    }

    private static LmSample offerAll(List<String> ids, List<Long> tokens, boolean reverse) {
        LmSample s = new LmSample(CAP);
        for (int k = 0; k < ids.size(); k++) {
            int i = reverse ? ids.size() - 1 - k : k;
            s.offer(ids.get(i), "", tokens.get(i));
        }
        return s;
    }
}
