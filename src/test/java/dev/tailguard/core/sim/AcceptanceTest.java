package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptanceTest {

    private static GenerationResult gen(int g, double ppl, long vocab, double tail) {
        return new GenerationResult(g, ppl, ppl, 0, vocab, List.of(new long[4], new long[4]), false, 100, 0.5, 0.5,
                2.0, tail, tail, 50, 0, 100, 0, Double.NaN, Map.of(), true);
    }

    private static ChainResult chain(String s, double[] ppl, long[] vocab, double[] tail) {
        List<GenerationResult> gs = new ArrayList<>();
        for (int g = 0; g < ppl.length; g++) {
            gs.add(gen(g, ppl[g], vocab[g], tail[g]));
        }
        return new ChainResult(s, 1, gs, null, new double[0]);
    }

    private static SimulationResult result(ChainResult... chains) {
        SimulationConfig c = new SimulationConfig(Path.of("x.jsonl"), 3, Strategy.parseList("replace,accumulate,blend:0.3"),
                2, 0.1, 1, 1, 1, 1, 2, new double[] {0.05, 0.95}, 10);
        return new SimulationResult(c, 1, 1, 1, 1, 1, 1, 1, new double[] {Double.NaN, Double.NaN}, Double.NaN,
                List.of(chains), new double[0], new double[0], 1);
    }

    @Test
    void statementsHoldOnTheExpectedShape() {
        SimulationResult r = result(
                chain("replace", new double[] {100, 120, 130, 140}, new long[] {50, 40, 35, 30}, new double[] {.9, .8, .7, .6}),
                chain("accumulate", new double[] {100, 105, 108, 110}, new long[] {50, 50, 50, 50}, new double[] {.9, .9, .9, .9}),
                chain("blend:0.3", new double[] {100, 110, 112, 109}, new long[] {50, 45, 45, 45}, new double[] {.9, .8, .8, .8}));
        List<Acceptance.Check> checks = Acceptance.evaluate(r);
        assertThat(checks).extracting(Acceptance.Check::id).containsExactly("replace_perplexity_rises",
                "replace_perplexity_ends_10pct_up", "replace_vocab_falls", "replace_tail_coverage_falls",
                "accumulate_rise_at_most_half_of_replace", "blend:0.3_bounded");
        assertThat(checks).allSatisfy(c -> assertThat(c.held()).isTrue());
        assertThat(checks.get(4).measured()).contains("accumulate +10.0 vs replace +40.0").contains("0.25");
        assertThat(checks.get(5).measured()).contains("max deviation +1.8%");
    }

    @Test
    void statementsFailWithTheirNumbers() {
        SimulationResult r = result(
                chain("replace", new double[] {100, 120, 119, 105}, new long[] {50, 40, 40, 30}, new double[] {.9, .8, .7, .6}),
                chain("accumulate", new double[] {100, 105, 108, 104}, new long[] {50, 50, 50, 50}, new double[] {.9, .9, .9, .9}),
                chain("blend:0.3", new double[] {100, 110, 118, 125}, new long[] {50, 45, 45, 45}, new double[] {.9, .8, .8, .8}));
        List<Acceptance.Check> checks = Acceptance.evaluate(r);
        assertThat(checks).extracting(Acceptance.Check::held).containsExactly(false, false, false, true, false, false);
        assertThat(checks.get(1).measured()).startsWith("+5.0%");
        assertThat(checks.get(4).measured()).contains("ratio 0.80");
        assertThat(checks.get(5).measured()).contains("+13.6%");
        assertThat(checks.get(0).verdict()).isEqualTo("did not hold");
    }
}
