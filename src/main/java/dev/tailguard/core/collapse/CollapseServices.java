package dev.tailguard.core.collapse;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the pipeline needs to measure collapse: the {@link CollapseSettings} and, through the {@link Embedder} port,
 * a sentence-embedding model supplied by an adapter. The model is asked for only when an embedding is actually
 * computed (anchor freeze, report), so a process that never runs those steps never loads it.
 */
public final class CollapseServices {

    private final CollapseSettings settings;
    private final Supplier<Embedder> embedder;
    private final String unavailable;

    private CollapseServices(CollapseSettings settings, Supplier<Embedder> embedder, String unavailable) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.embedder = embedder;
        this.unavailable = unavailable;
    }

    /**
     * Services with an embedding model.
     *
     * @param embedder supplies the model (called on first use; it should cache the model itself)
     */
    public static CollapseServices of(CollapseSettings settings, Supplier<Embedder> embedder) {
        Objects.requireNonNull(embedder, "embedder");
        if (!settings.embeddingEnabled()) {
            return new CollapseServices(settings, null, DISABLED);
        }
        return new CollapseServices(settings, embedder, null);
    }

    /** Services without an embedding model: the embedding signals are reported missing with {@code why}. */
    public static CollapseServices withoutEmbedder(CollapseSettings settings, String why) {
        return new CollapseServices(settings, null, settings.embeddingEnabled() ? why : DISABLED);
    }

    /** Default settings and no embedding model (library use and tests of the core). */
    public static CollapseServices defaults() {
        return withoutEmbedder(CollapseSettings.defaults(), "no embedding model in this process (the core pipeline "
                + "was started without an Embedder adapter)");
    }

    /** Reason given when the switch is off. */
    public static final String DISABLED = "embedding signals disabled (tailguard.collapse.embedding.enabled=false)";

    /** The settings. */
    public CollapseSettings settings() {
        return settings;
    }

    /** The embedding model, or null when there is none (then {@link #unavailable()} says why). */
    public Embedder embedder() {
        return embedder == null ? null : embedder.get();
    }

    /** Why there is no embedding model, or null when there is one. */
    public String unavailable() {
        return unavailable;
    }
}
