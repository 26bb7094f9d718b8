package dev.tailguard.core.generate;

import dev.tailguard.core.generate.llm.ChatClientFactory;
import dev.tailguard.core.generate.llm.LlmGenerator;
import dev.tailguard.core.generate.rules.RulesGenerator;

import java.util.Objects;
import java.util.function.Function;

/** Builds the generator a {@link GeneratorSpec} names. */
public final class Generators {

    private Generators() {
    }

    /**
     * @param ngram builds the n-gram sampler (owned by the pipeline, which trains it on the run's input); may be
     *              null when the spec never names {@code ngram}
     * @param llm   builds the chat client of an {@code llm} generator (the adapter, {@code dev.tailguard.llm});
     *              {@link ChatClientFactory#NONE} when the spec never names {@code llm}
     */
    public static Generator create(GeneratorSpec spec, Function<GeneratorSpec, Generator> ngram,
                                   ChatClientFactory llm) {
        return switch (spec.generator()) {
            case "rules" -> new RulesGenerator(spec.rules(), spec.runId(), spec.parentRun());
            case "llm" -> new LlmGenerator(spec.llm(), llm, spec.runId(), spec.parentRun());
            case "ngram" -> Objects.requireNonNull(ngram, "no ngram generator factory given").apply(spec);
            default -> throw new IllegalArgumentException("unknown generator '" + spec.generator() + "'");
        };
    }
}
