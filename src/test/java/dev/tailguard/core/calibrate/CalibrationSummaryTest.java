package dev.tailguard.core.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The summary and acceptance arithmetic of {@code calibration.json} on hand-made chain points (no pipeline). */
class CalibrationSummaryTest {

    private static ChainPoint point(String chain, long seed, int gen, String level, double auc, boolean aucFired) {
        List<SignalReading> s = List.of(new SignalReading("c2st_auc", auc, auc - 0.05, auc + 0.05, 0.5, true,
                aucFired ? "medium" : null));
        return new ChainPoint(chain, seed, gen, chain + seed + gen, !chain.equals("control"), level,
                aucFired ? List.of("c2st_auc") : List.of(), s, List.of(), null, "explicit", 10, 0.3, 1);
    }

    @Test
    void firstFiringGenerationFalseAlarmsAndAucPerSignal() {
        List<ChainPoint> points = List.of(
                point("replace", 1, 1, "low", 0.6, false), point("replace", 1, 2, "high", 0.9, true),
                point("accumulate", 1, 1, "low", 0.55, false), point("accumulate", 1, 2, "medium", 0.8, true),
                point("control", 1, 1, "low", 0.5, false), point("control", 2, 1, "medium", 0.58, true));
        List<CalibrationResult.SignalSummary> rows = CalibrationResult.summarise(points);
        CalibrationResult.SignalSummary auc = rows.stream().filter(r -> r.signal().equals("c2st_auc")).findFirst()
                .orElseThrow();
        assertThat(auc.firstFired().get("replace")).containsExactly(2);
        assertThat(auc.firstFired().get("control")).containsExactly(null, 1);
        assertThat(auc.controlAlarms()).isEqualTo(1);
        assertThat(auc.controlPoints()).isEqualTo(2);
        assertThat(auc.collapsingPoints()).isEqualTo(4);
        // badness = value / baseline: collapsing {1.2, 1.8, 1.1, 1.6} vs control {1.0, 1.16}: 7 of 8 pairs won.
        assertThat(auc.auc()).isEqualTo(7.0 / 8);
        CalibrationResult.SignalSummary verdict = rows.get(rows.size() - 1);
        assertThat(verdict.signal()).isEqualTo("verdict");
        assertThat(verdict.firstFired().get("accumulate")).containsExactly(2);
        CalibrationResult.Acceptance a = CalibrationResult.acceptance(points);
        assertThat(a.replaceFlaggedByGeneration2()).isTrue();
        assertThat(a.controlNeverFlagged()).isFalse();
        assertThat(a.accumulateAtMostReplace()).isTrue();
        assertThat(a.saladFlaggedAtGeneration1()).isNull();
        assertThat(a.trigramFlaggedAtGeneration1()).isNull();
    }

    @Test
    void accumulateAboveReplaceAtAGenerationBreaksTheOrder() {
        List<ChainPoint> points = List.of(point("replace", 1, 1, "medium", 0.8, true),
                point("accumulate", 1, 1, "high", 0.9, true));
        assertThat(CalibrationResult.acceptance(points).accumulateAtMostReplace()).isFalse();
    }

    @Test
    void aucIsNullWithoutBothSides() {
        assertThat(CalibrationResult.auc(List.of(1.0), List.of())).isNull();
        assertThat(CalibrationResult.auc(List.of(1.0, 1.0), List.of(1.0))).isEqualTo(0.5);
    }

    @Test
    void chainsParseAndUnknownOnesAreNamed() {
        assertThat(Chain.parseList(Chain.ALL)).containsExactly(Chain.values());
        assertThat(Chain.parseList(" salad , control,salad")).containsExactly(Chain.SALAD, Chain.CONTROL);
        assertThatThrownBy(() -> Chain.parseList("replace,trigarm")).hasMessageContaining("'trigarm'");
        assertThatThrownBy(() -> Chain.parseList(" , ")).hasMessageContaining("no chain");
    }

    @Test
    void windowsAreCountedLikeTheClassifierCutsThem() {
        assertThat(CorpusSplit.windows(15)).isZero();
        assertThat(CorpusSplit.windows(16)).isEqualTo(1);
        assertThat(CorpusSplit.windows(127)).isEqualTo(1);
        assertThat(CorpusSplit.windows(128)).isEqualTo(2);
    }

    @Test
    void wordSaladKeepsTheVocabularyButNotTheOrder() {
        WordSalad w = new WordSalad(List.of(new dev.tailguard.core.doc.Document("a",
                "The cat sat on the mat. A dog ran.", null, java.util.Map.of())));
        List<dev.tailguard.core.doc.Document> docs = w.sample(1000, "s", 1);
        assertThat(docs).allSatisfy(d -> assertThat(d.id()).startsWith("s-"));
        long tokens = docs.stream().mapToLong(d -> dev.tailguard.core.text.Tokenizer.words(d.text()).size()).sum();
        assertThat(tokens).as("words plus sentence ends").isBetween(1000L, 1500L);
        assertThat(String.join(" ", docs.stream().map(dev.tailguard.core.doc.Document::text).toList()).toLowerCase())
                .contains("cat", "mat", "dog");
        assertThat(w.sample(1000, "s", 1)).isEqualTo(docs);
    }
}
