package dev.tailguard.storage;

import dev.tailguard.cloud.test.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** {@code tailguard.store=s3} on a real S3Proxy (the cloud team's shared test server), bucket {@link #BUCKET}. */
public class S3StoreProfile implements QuarkusTestProfile {

    /** The bucket the app writes to. */
    public static final String BUCKET = "tailguard-wire";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    /** Starts (once per JVM) S3Proxy and points {@code tailguard.store.s3.*} at it. */
    public static class Server implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            S3ProxyServer s3 = S3ProxyServer.shared();
            s3.createBucket(BUCKET);
            return Map.of(
                    "tailguard.store", "s3",
                    "tailguard.store.s3.endpoint", s3.endpoint().toString(),
                    "tailguard.store.s3.region", S3ProxyServer.REGION,
                    "tailguard.store.s3.bucket", BUCKET,
                    "tailguard.store.s3.path-style", "true",
                    "tailguard.store.s3.access-key", S3ProxyServer.ACCESS_KEY,
                    "tailguard.store.s3.secret-key", S3ProxyServer.SECRET_KEY);
        }

        @Override
        public void stop() {
            // shared per JVM, stopped by its shutdown hook
        }
    }
}
