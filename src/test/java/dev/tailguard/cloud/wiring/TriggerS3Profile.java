package dev.tailguard.cloud.wiring;

import java.util.List;
import java.util.Map;

import dev.tailguard.storage.S3StoreProfile;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code tailguard.store=s3} on the shared S3Proxy (the wire branch's {@link S3StoreProfile.Server}, bucket
 * {@link S3StoreProfile#BUCKET}) with the object-storage ingest endpoint enabled and no {@code K_SINK}: run requests
 * go to the in-process dispatcher. Notifications need {@code Authorization: Bearer }{@link #TOKEN}; at most 5 records.
 */
public class TriggerS3Profile implements QuarkusTestProfile {

    /** The webhook token the tests' notifications carry (MinIO {@code auth_token}). */
    public static final String TOKEN = "trigger-test-token-7f3a";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3StoreProfile.Server.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tailguard.trigger.enabled", "true", "tailguard.events", "http",
                "tailguard.trigger.auth-token", TOKEN, "tailguard.trigger.max-records", "5");
    }
}
