package dev.tailguard.review;

import dev.tailguard.core.review.ResumeEmitter;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.review.ReviewSettings;
import dev.tailguard.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Wires the pure-Java {@link ReviewQueue} onto the application's object store. The in-process resume emitter
 * ({@code tailguard.review.resume=dispatcher}) is the bean named {@code tailguard-dispatcher-resume}, provided beside
 * the functions ({@code dev.tailguard.function.PipelineResumeEmitter}); it is injected by that name and its core
 * type so that this package never depends on {@code dev.tailguard.function}.
 */
@ApplicationScoped
public class ReviewBeans {

    @Produces
    @Singleton
    ReviewQueue reviewQueue(ObjectStore store, ReviewConfig config, @Named("tailguard-dispatcher-resume") ResumeEmitter pipeline) {
        ResumeEmitter emitter = switch (config.resume()) {
            case "dispatcher" -> pipeline;
            case "http" -> new HttpResumeEmitter(URI.create(config.sink().orElseThrow(() -> new IllegalStateException(
                    "tailguard.review.resume=http needs tailguard.review.sink (e.g. the broker URL, K_SINK)"))));
            case "none" -> ResumeEmitter.NONE;
            default -> throw new IllegalStateException("tailguard.review.resume must be dispatcher, http or none, got "
                    + config.resume());
        };
        return new ReviewQueue(store, new ReviewSettings(config.sampleSize(), config.minSpanTokens()), emitter);
    }
}
