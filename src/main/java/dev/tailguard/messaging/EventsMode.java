package dev.tailguard.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code tailguard.events}: {@code http} (default: CloudEvents over HTTP, Knative Broker/Triggers; the Kafka
 * channels are disabled and no broker is needed) or {@code kafka} (the Kafka backbone, {@link KafkaStages}). The
 * channels' {@code enabled} attributes follow it through {@code ${tailguard-events.${tailguard.events}}}.
 */
@ApplicationScoped
public class EventsMode {

    @ConfigProperty(name = "tailguard.events", defaultValue = "http")
    String mode;

    void check(@Observes StartupEvent ev) {
        if (!"http".equals(mode) && !"kafka".equals(mode)) {
            throw new IllegalStateException("tailguard.events must be http or kafka, was '" + mode + "'");
        }
    }

    /** Whether the Kafka backbone is on. */
    public boolean kafka() {
        return "kafka".equals(mode);
    }
}
