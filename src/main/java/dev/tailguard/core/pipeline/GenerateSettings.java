package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.MinimumDocuments;
import dev.tailguard.core.io.ReadOptions;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Deployment settings of the generate stage that are not part of {@link RunConfig} (both are covered by the run id,
 * which fingerprints every {@code tailguard.*} setting).
 *
 * @param textField the JSON field or Parquet column holding the text ({@value ReadOptions#TEXT_FIELD_KEY}, default
 *                  {@code text})
 * @param minimum   the floor under the stage's output ({@value MinimumDocuments#KEY}, default one document per
 *                  batch requested)
 * @param maxTrainingTokens training tokens of the {@code ngram} generator's language model ({@value #MAX_TRAINING_TOKENS_KEY},
 *                  default {@value #DEFAULT_MAX_TRAINING_TOKENS}; {@code 0} = uncapped, the model then grows with the
 *                  corpus). The plan trains the model once on a deterministic id-hash sample of the real input of about
 *                  this many tokens and records the cap in {@code work/generate/ingested.json}, so every task of the
 *                  run loads the same model whatever the worker count
 */
public record GenerateSettings(String textField, MinimumDocuments minimum, long maxTrainingTokens) {

    /** Config key of the generator's training-token cap ({@code 0} = uncapped). */
    public static final String MAX_TRAINING_TOKENS_KEY = "tailguard.generate.max-training-tokens";
    /** Default cap: 2 M tokens, the same bound as each reference model ({@code tailguard.reference.max-training-tokens}). */
    public static final long DEFAULT_MAX_TRAINING_TOKENS = 2_000_000L;

    public GenerateSettings {
        textField = textField == null || textField.isBlank() ? ReadOptions.DEFAULT_TEXT_FIELD : textField.strip();
        Objects.requireNonNull(minimum, "minimum");
        if (maxTrainingTokens < 0) {
            throw new IllegalArgumentException(MAX_TRAINING_TOKENS_KEY + " must be >= 0 (0 = uncapped), got "
                    + maxTrainingTokens);
        }
    }

    /** The given text field and minimum with the default training-token cap. */
    public GenerateSettings(String textField, MinimumDocuments minimum) {
        this(textField, minimum, DEFAULT_MAX_TRAINING_TOKENS);
    }

    /** Text field {@code text}, one document per requested batch, the default training-token cap. */
    public static GenerateSettings defaults() {
        return new GenerateSettings(ReadOptions.DEFAULT_TEXT_FIELD, new MinimumDocuments(null));
    }

    /** These settings with another training-token cap ({@code 0} = uncapped). */
    public GenerateSettings withMaxTrainingTokens(long tokens) {
        return new GenerateSettings(textField, minimum, tokens);
    }

    /** The cap as the trainer takes it: {@link Long#MAX_VALUE} when uncapped. */
    public long trainingTokenCap() {
        return maxTrainingTokens == 0 ? Long.MAX_VALUE : maxTrainingTokens;
    }

    /**
     * From configuration values looked up by key.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static GenerateSettings from(Function<String, Optional<String>> config) {
        return new GenerateSettings(config.apply(ReadOptions.TEXT_FIELD_KEY).orElse(null),
                MinimumDocuments.parse(config.apply(MinimumDocuments.KEY).orElse(null)),
                parseCap(config.apply(MAX_TRAINING_TOKENS_KEY).orElse(null)));
    }

    private static long parseCap(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_TRAINING_TOKENS;
        }
        try {
            return Long.parseLong(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_TRAINING_TOKENS_KEY + ": cannot parse '" + value + "'");
        }
    }

    /** How the stage reads input lines (the line limit comes from the run's {@link RunConfig#maxLineBytes()}). */
    public ReadOptions readOptions(long maxLineBytes) {
        return new ReadOptions(maxLineBytes, textField, true);
    }
}
