package dev.tailguard.core.generate;

import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InterpolatedKneserNeyTest {

    @Test
    void unigramProbabilityMatchesAHandComputedValue() {
        InterpolatedKneserNey m = new InterpolatedKneserNey.Trainer(1).add(List.of("a", "b")).add(List.of("a", "c")).build();
        // counts a:2 b:1 c:1 </s>:2 (total 6); n1=2, n2=2 -> D=1/3; uniform over 5 predictable types
        assertThat(m.discounts()[0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(m.probability(List.of(), "a")).isCloseTo((2 - 1.0 / 3) / 6 + (1.0 / 3) * 4 / 6 / 5, within(1e-12));
        assertThat(m.probability(List.of(), "zzz")).isCloseTo((1.0 / 3) * 4 / 6 / 5, within(1e-12));
    }

    @Test
    void conditionalDistributionsSumToOne() {
        InterpolatedKneserNey.Trainer t = new InterpolatedKneserNey.Trainer(3);
        String text = "The whale swam. The whale dived deep. A ship sailed and the whale followed the ship. Call me Ishmael.";
        List<String> vocab = new ArrayList<>(List.of("</s>", "<unk>"));
        for (String s : Tokenizer.sentences(text)) {
            List<String> w = Tokenizer.words(s);
            t.add(w);
            w.stream().filter(x -> !vocab.contains(x)).forEach(vocab::add);
        }
        InterpolatedKneserNey m = t.build();
        for (List<String> ctx : List.of(List.of("<s>"), List.of("<s>", "the"), List.of("the", "whale"), List.of("ship", "sailed"), List.of("never", "seen"))) {
            double sum = vocab.stream().mapToDouble(w -> m.probability(ctx, w)).sum();
            assertThat(sum).as("context %s", ctx).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void samplingIsDeterministicPerSeedAndNeverEmitsUnk() {
        InterpolatedKneserNey.Trainer t = new InterpolatedKneserNey.Trainer(3);
        for (String s : Tokenizer.sentences("It was the best of times. It was the worst of times. It was the age of wisdom.")) {
            t.add(Tokenizer.words(s));
        }
        InterpolatedKneserNey m = t.build();
        List<List<String>> a = new ArrayList<>();
        List<List<String>> b = new ArrayList<>();
        SplittableRandom r1 = new SplittableRandom(5);
        SplittableRandom r2 = new SplittableRandom(5);
        for (int i = 0; i < 50; i++) {
            a.add(m.sample(r1, 30));
            b.add(m.sample(r2, 30));
        }
        assertThat(a).isEqualTo(b);
        assertThat(a).allSatisfy(s -> assertThat(s).doesNotContain("<unk>", "<s>", "</s>").hasSizeLessThanOrEqualTo(30));
        assertThat(a.stream().mapToInt(List::size).sum()).isPositive();
    }
}
