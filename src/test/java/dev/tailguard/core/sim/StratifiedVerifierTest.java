package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stratified verifier on a small Moby-Dick slice: it fills replace's budget and keeps more of the tail. */
class StratifiedVerifierTest {

    @TempDir
    Path dir;

    @Test
    void stratifiedSelectionFillsTheBudgetAndLosesLessTailThanReplace() throws Exception {
        SimulationConfig cfg = new SimulationConfig(MobySlice.write(dir, 12), 3, Strategy.parseList("replace,stratified"),
                3, 0.1, 1, 1, 2, 1, 2, new double[] {0.05, 0.95}, 10);
        SimulationResult r = Simulator.run(cfg, null);
        ChainResult replace = r.chains().get(0);
        ChainResult stratified = r.chains().get(1);
        assertThat(stratified.failure()).isNull();
        for (GenerationResult g : stratified.generations().subList(1, 4)) {
            assertThat(g.budgetMet()).isTrue();
            assertThat(g.trainingTokens()).isGreaterThanOrEqualTo(r.trainTokens());
        }
        GenerationResult rep = replace.generations().get(3);
        GenerationResult str = stratified.generations().get(3);
        System.out.printf("slice gen 3: tail coverage replace %.3f stratified %.3f; vocabulary %d vs %d%n",
                rep.tailCoverage(), str.tailCoverage(), rep.vocabSize(), str.vocabSize());
        assertThat(str.tailCoverage()).isGreaterThan(rep.tailCoverage());
        assertThat(str.vocabSize()).isGreaterThan(rep.vocabSize());
    }
}
