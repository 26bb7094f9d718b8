package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSampleTest {
    @Test
    void admitsAboutTheRateDeterministically() {
        TrainingSample s = TrainingSample.of(4_000_000, 1_000_000);
        assertThat(s.rate()).isEqualTo(0.25);
        int n = 100_000;
        int admitted = 0;
        for (int i = 0; i < n; i++) {
            if (s.admits("doc-" + i)) {
                admitted++;
            }
        }
        // Binomial(100000, 0.25): sd 137; 5 sd either side.
        assertThat(admitted).isBetween(25_000 - 685, 25_000 + 685);
        assertThat(s.admits("doc-17")).isEqualTo(TrainingSample.of(4_000_000, 1_000_000).admits("doc-17"));
        TrainingSample other = new TrainingSample(0.25, 99L);
        int same = 0;
        for (int i = 0; i < 1000; i++) {
            if (s.admits("d" + i) == other.admits("d" + i)) {
                same++;
            }
        }
        assertThat(same).isLessThan(1000);
    }

    @Test
    void smallCorpusIsKeptWhole() {
        assertThat(TrainingSample.of(500, 1000)).isEqualTo(TrainingSample.ALL);
        assertThat(TrainingSample.ALL.admits("anything")).isTrue();
        assertThatThrownBy(() -> new TrainingSample(1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrainingSample.of(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trainerStopsAtTheCap() {
        KneserNeyTrainer t = new KneserNeyTrainer(2, 5);
        assertThat(t.add(List.of("a", "b", "c"))).isTrue();
        assertThat(t.add(List.of("a", "b", "c"))).isFalse();
        assertThat(t.add(List.of("a"))).isFalse();
        assertThat(t.capped()).isTrue();
        assertThat(t.tokens()).isEqualTo(3);
        assertThat(t.build().vocabSize()).isEqualTo(6);
    }
}
