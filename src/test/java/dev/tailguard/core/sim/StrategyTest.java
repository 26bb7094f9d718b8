package dev.tailguard.core.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTest {

    @Test
    void parsesTheFourStrategiesAndKeepsTheirLabels() {
        List<Strategy> s = Strategy.parseList("replace,accumulate,blend:0.3,verified");
        assertThat(s).extracting(Strategy::label).containsExactly("replace", "accumulate", "blend:0.3", "verified");
        assertThat(s.get(2).kind()).isEqualTo(Strategy.Kind.BLEND);
        assertThat(s.get(2).ratio()).isEqualTo(0.3);
        assertThat(Strategy.parse(" BLEND:1 ").label()).isEqualTo("blend:1");
        assertThat(Strategy.parse("stratified").kind()).isEqualTo(Strategy.Kind.STRATIFIED);
        assertThat(Strategy.parse("stratified").label()).isEqualTo("stratified");
    }

    @Test
    void rejectsUnknownDuplicateAndOutOfRangeStrategies() {
        assertThatThrownBy(() -> Strategy.parse("mix")).hasMessageContaining("unknown strategy 'mix'");
        assertThatThrownBy(() -> Strategy.parse("blend")).hasMessageContaining("blend:0.3");
        assertThatThrownBy(() -> Strategy.parse("blend:0")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Strategy.parse("blend:x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Strategy.parseList("replace,replace")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Strategy.parseList("replace,,verified")).hasMessageContaining("empty");
    }
}
