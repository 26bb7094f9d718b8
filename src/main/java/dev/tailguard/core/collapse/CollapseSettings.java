package dev.tailguard.core.collapse;

import java.util.Objects;

/**
 * The deployment's collapse settings ({@code tailguard.collapse.*}): how a root run holds out its anchor, the signal
 * settings frozen into a new anchor, the verdict thresholds and whether sentence embeddings are measured. An anchor
 * reused by a descendant run keeps the {@link CollapseConfig} it was frozen with, so every generation is measured
 * like its baseline; the thresholds apply at report time.
 *
 * @param split            the held-out split of a root run's real input ({@code tailguard.collapse.anchor-share},
 *                         {@code tailguard.collapse.anchor-salt})
 * @param config           signal settings of a newly frozen anchor
 * @param thresholds       verdict thresholds ({@code tailguard.collapse.threshold.*})
 * @param embeddingEnabled whether the embedding signals are measured ({@code tailguard.collapse.embedding.enabled})
 */
public record CollapseSettings(AnchorSplit split, CollapseConfig config, CollapseThresholds thresholds,
                               boolean embeddingEnabled) {

    public CollapseSettings {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The defaults: 10% anchor, default signal settings and thresholds, embeddings on. */
    public static CollapseSettings defaults() {
        return new CollapseSettings(AnchorSplit.defaults(), CollapseConfig.defaults(), CollapseThresholds.defaults(),
                true);
    }
}
