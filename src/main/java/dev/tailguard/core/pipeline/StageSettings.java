package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.report.CardSettings;

import java.util.Objects;

/**
 * The deployment's settings the stages are built with (never taken from an event): generate settings, the dataset
 * card's metadata and the collapse measurement (settings and embedding model).
 *
 * @param generate {@code tailguard.generate.*} / {@code tailguard.input.*} settings of the generate stage
 * @param card     {@code tailguard.card.*}
 * @param collapse {@code tailguard.collapse.*} and the embedding model
 */
public record StageSettings(GenerateSettings generate, CardSettings card, CollapseServices collapse) {

    /** Checks that every part is present. */
    public StageSettings {
        Objects.requireNonNull(generate, "generate");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(collapse, "collapse");
    }

    /** Defaults everywhere: no card configuration, no embedding model. */
    public static StageSettings defaults() {
        return new StageSettings(GenerateSettings.defaults(), CardSettings.defaults(), CollapseServices.defaults());
    }

    /** A copy with other generate settings. */
    public StageSettings withGenerate(GenerateSettings g) {
        return new StageSettings(g, card, collapse);
    }

    /** A copy with other card settings. */
    public StageSettings withCard(CardSettings c) {
        return new StageSettings(generate, c, collapse);
    }

    /** A copy with other collapse services. */
    public StageSettings withCollapse(CollapseServices c) {
        return new StageSettings(generate, card, c);
    }
}
