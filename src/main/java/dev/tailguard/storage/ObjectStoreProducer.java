package dev.tailguard.storage;

import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * The application's {@link ObjectStore}, chosen by {@code tailguard.store=local|s3} (alias {@code tailguard.store.type}):
 * <ul>
 *   <li>{@code local}: a folder, {@code tailguard.store.root} (default {@code tailguard-out})</li>
 *   <li>{@code s3}: one bucket through {@link S3ObjectStore}; {@code tailguard.store.s3.endpoint}, {@code .region},
 *       {@code .bucket}, {@code .path-style}, {@code .access-key}, {@code .secret-key} (or {@code AWS_ACCESS_KEY_ID} /
 *       {@code AWS_SECRET_ACCESS_KEY}, e.g. from a Secret; else the AWS default credential chain), see
 *       {@link S3Settings#from}</li>
 * </ul>
 * Takes precedence over the spine's local-only producer in {@code Runs} (a prioritized alternative).
 */
@ApplicationScoped
public class ObjectStoreProducer {

    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    /** The configured store. */
    @Produces
    @Singleton
    @Alternative
    @Priority(10)
    ObjectStore objectStore(Config config) {
        String kind = StoreSelection.kind(config.getOptionalValue(StoreSelection.KEY, String.class),
                config.getOptionalValue(StoreSelection.ALIAS, String.class));
        if (StoreSelection.S3.equals(kind)) {
            S3Settings settings = S3Settings.from(k -> config.getOptionalValue(k, String.class).orElseGet(() -> System.getenv(k)));
            LOG.infof("object store: %s", settings);
            return new S3ObjectStore(settings);
        }
        String root = config.getOptionalValue("tailguard.store.root", String.class).orElse("tailguard-out");
        return new LocalObjectStore(Path.of(root));
    }

    void close(@Disposes ObjectStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }
}
