package dev.tailguard.embed;

import dev.tailguard.core.collapse.CollapseServices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Supplies the pipeline's {@link CollapseServices}: {@code tailguard.collapse.*} and the all-MiniLM-L6-v2
 * {@link MiniLmEmbedder} behind the core's {@code Embedder} port (the model is loaded lazily, once per JVM, only
 * when an anchor is frozen or a report measures embeddings).
 */
@ApplicationScoped
public class CollapseServicesProducer {

    /** The collapse services of this process. */
    @Produces
    @Singleton
    public CollapseServices collapseServices(CollapseConfigMapping config) {
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        return CollapseServices.of(config.toSettings(), () -> embedder);
    }
}
