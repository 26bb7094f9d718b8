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
 */
public record GenerateSettings(String textField, MinimumDocuments minimum) {

    public GenerateSettings {
        textField = textField == null || textField.isBlank() ? ReadOptions.DEFAULT_TEXT_FIELD : textField.strip();
        Objects.requireNonNull(minimum, "minimum");
    }

    /** Text field {@code text}, one document per requested batch. */
    public static GenerateSettings defaults() {
        return new GenerateSettings(ReadOptions.DEFAULT_TEXT_FIELD, new MinimumDocuments(null));
    }

    /**
     * From configuration values looked up by key.
     *
     * @throws IllegalArgumentException naming the key when a value is invalid
     */
    public static GenerateSettings from(Function<String, Optional<String>> config) {
        return new GenerateSettings(config.apply(ReadOptions.TEXT_FIELD_KEY).orElse(null),
                MinimumDocuments.parse(config.apply(MinimumDocuments.KEY).orElse(null)));
    }

    /** How the stage reads input lines (the line limit comes from the run's {@link RunConfig#maxLineBytes()}). */
    public ReadOptions readOptions(long maxLineBytes) {
        return new ReadOptions(maxLineBytes, textField, true);
    }
}
