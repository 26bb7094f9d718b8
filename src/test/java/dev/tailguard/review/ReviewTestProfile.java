package dev.tailguard.review;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Review required, a random HTTP port (the machine is shared), a fresh store folder per JVM, small samples. Shared by the API and browser tests (one boot). */
public class ReviewTestProfile implements QuarkusTestProfile {

    static final String STORE = "target/review-test-store-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.test-port", "0",
                "tailguard.store.root", STORE,
                "tailguard.review.required", "true",
                "tailguard.review.sample-size", "4",
                "tailguard.review.min-span-tokens", "5",
                "tailguard.review.secret", "test-only-csrf-secret");
    }
}
