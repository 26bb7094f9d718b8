package dev.tailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The train verdict from report.json contents, including the cases the old report showed as "low". */
class TrainVerdictTest {

    static Map<String, Object> report(String level, long generated, long synBlended, List<Map<String, Object>> gates) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("blended", 100 + synBlended);
        counts.put("real_blended", 100L);
        counts.put("synthetic_generated", generated);
        counts.put("synthetic_blended", synBlended);
        Map<String, Object> signals = new LinkedHashMap<>();
        for (String s : List.of("anchor_perplexity", "tail_recall", "c2st_auc", "vocabulary_recall")) {
            signals.put(s, Map.of("value", 0.6, "ci", List.of(0.55, 0.65), "baseline", 0.58, "comparable", true));
        }
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("level", level);
        risk.put("reasons", "high".equals(level) ? List.of(Map.of("signal", "c2st_auc", "level", "high", "value", 0.97,
                "ci", List.of(0.95, 0.99), "baseline", 0.55, "threshold", 0.9)) : List.of());
        risk.put("signals", signals);
        risk.put("missing", List.of());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("run_id", "r");
        r.put("counts", counts);
        r.put("collapse_risk", risk);
        r.put("gates", gates);
        return r;
    }

    @Test
    void lowRiskWithEverythingPassedIsTrainOnIt() {
        TrainVerdict v = TrainVerdict.of(report("low", 30, 30, List.of(Map.of("stage", "score", "name",
                "pii_rate.max", "value", 0.0, "threshold", 0.05, "passed", true, "on_fail", "quarantine"))));
        assertThat(v.verdict()).isEqualTo(TrainVerdict.Verdict.TRAIN);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.toJson()).containsEntry("decision", "train").containsEntry("label", "train on it");
    }

    @Test
    void aWhollyRejectedSyntheticBatchIsNotLowRisk() {
        Map<String, Object> gate = new LinkedHashMap<>(Map.of("stage", "score", "name", "synthetic_pass_rate.min",
                "value", 0.1, "threshold", 0.5, "passed", false, "on_fail", "quarantine"));
        gate.put("ci", Map.of("lo", 0.03, "hi", 0.24, "confidence", 0.95));
        TrainVerdict v = TrainVerdict.of(report("low", 16, 0, List.of(gate)));
        assertThat(v.verdict()).isEqualTo(TrainVerdict.Verdict.REVIEW);
        assertThat(v.reasons()).extracting(TrainVerdict.Reason::kind)
                .containsExactly(TrainVerdict.Kind.SYNTHETIC_ALL_REJECTED, TrainVerdict.Kind.GATE_FAILED);
        assertThat(v.reasons().get(0).message()).contains("all 16 synthetic documents were rejected");
        assertThat(v.reasons().get(1).message()).contains("synthetic_pass_rate.min", "0.1", "[0.03, 0.24]", "0.5");
    }

    @Test
    void highCollapseRiskIsDoNotTrainWithTheMeasuredInterval() {
        TrainVerdict v = TrainVerdict.of(report("high", 30, 30, List.of()));
        assertThat(v.verdict()).isEqualTo(TrainVerdict.Verdict.DO_NOT_TRAIN);
        assertThat(v.reasons()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(TrainVerdict.Kind.COLLAPSE_HIGH);
            assertThat(r.message()).contains("c2st_auc", "0.97", "95% CI [0.95, 0.99]", "threshold 0.9");
        });
    }

    @Test
    void unanchoredOrUnmeasuredIsReviewFirst() {
        Map<String, Object> r = report("unanchored", 30, 30, List.of());
        ((Map<String, Object>) r.get("collapse_risk")).put("note", "the input holds synthetic-origin documents");
        assertThat(TrainVerdict.of(r).verdict()).isEqualTo(TrainVerdict.Verdict.REVIEW);
        assertThat(TrainVerdict.of(r).reasons().get(0).message()).contains("synthetic-origin");

        Map<String, Object> missing = report("low", 30, 30, List.of());
        Map<String, Object> risk = (Map<String, Object>) missing.get("collapse_risk");
        ((Map<String, Object>) risk.get("signals")).remove("c2st_auc");
        risk.put("missing", List.of("c2st_auc: fewer than 10 windows of 64 tokens on a side"));
        TrainVerdict v = TrainVerdict.of(missing);
        assertThat(v.verdict()).isEqualTo(TrainVerdict.Verdict.REVIEW);
        assertThat(v.reasons()).singleElement().extracting(TrainVerdict.Reason::message).asString()
                .contains("fewer than 10 windows");

        assertThat(TrainVerdict.of(Map.of("run_id", "x")).verdict()).as("an empty report is never 'train'")
                .isEqualTo(TrainVerdict.Verdict.DO_NOT_TRAIN);
    }

    @Test
    void theEndOfRunLinesNameTheVerdictAndThePage() {
        String lines = TrainVerdict.endOfRun(report("high", 30, 30, List.of()), "/tmp/out/runs/r/report/index.html");
        assertThat(lines.lines().toList()).hasSize(2);
        assertThat(lines).startsWith("verdict: DO NOT TRAIN (collapse risk high: c2st_auc")
                .endsWith("open: /tmp/out/runs/r/report/index.html");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnmeasurableVerdictIsReviewFirstAndSaysWhy() {
        Map<String, Object> r = report("unmeasurable", 30, 30, List.of());
        ((Map<String, Object>) r.get("collapse_risk")).put("note", "c2st_auc: 18 windows per side < 64");
        TrainVerdict v = TrainVerdict.of(r);
        assertThat(v.verdict()).isEqualTo(TrainVerdict.Verdict.REVIEW);
        assertThat(v.reasons()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(TrainVerdict.Kind.SIGNAL_MISSING);
            assertThat(x.message()).contains("not measurable", "18 windows per side");
        });
    }
}
