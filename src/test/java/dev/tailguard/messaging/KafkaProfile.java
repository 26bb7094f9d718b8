package dev.tailguard.messaging;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** {@code tailguard.events=kafka} on the in-process broker, a local store under {@code target/}, fast retries. */
public class KafkaProfile implements QuarkusTestProfile {

    /** The store root of this profile. */
    public static final String STORE = "target/wire-kafka-store";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tailguard.events", "kafka",
                "tailguard.store.root", STORE,
                "tailguard.kafka.max-attempts", "3",
                "tailguard.kafka.retry-backoff", "PT0.2S",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBroker.class));
    }
}
