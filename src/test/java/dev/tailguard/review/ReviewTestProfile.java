package dev.tailguard.review;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Review required, a random HTTP port (the machine is shared), a fresh store folder per JVM, small samples, the
 * reviewer accounts from a users file written at boot (the runtime path a mounted Secret takes), and proxy header
 * forwarding on (so tests can act as a TLS-terminating proxy and as distinct client addresses). Shared by the API,
 * login and browser tests (one boot).
 */
public class ReviewTestProfile implements QuarkusTestProfile {

    static final String STORE = "target/review-test-store-" + ProcessHandle.current().pid();
    static final Path USERS = Path.of("target/review-test-users-" + ProcessHandle.current().pid());
    /** carol / carol-test-pass, role reviewer (bcrypt); only in the test users file, for throttling and removal. */
    static final String CAROL = "carol:$2a$10$s7zt8Y/xD3uFkfe9X7sKbOdped/n8/juEzV.PayEORKF2t3q5Z9Ke:reviewer\n";
    static final String CAROL_PASSWORD = "trustweb-test-pass";

    /** The demo accounts (alice, bob) plus carol. */
    static String users() {
        try (var in = ReviewTestProfile.class.getResourceAsStream("/review-demo-users.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + CAROL;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.writeString(USERS, users());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.http.test-port", "0",
                "tailguard.review.users-file", USERS.toString(),
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "tailguard.store.root", STORE,
                "tailguard.review.required", "true",
                "tailguard.review.sample-size", "4",
                "tailguard.review.min-span-tokens", "5");
    }
}
