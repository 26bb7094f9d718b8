package dev.tailguard.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bounded login soak against the real server on loopback (not a unit test: skipped unless
 * {@code -Dsoak.login=true}; not a {@code tailguard.*} name, which the server would reject as unknown at start). Run: {@code ./mvnw -B -o test -Dtest=LoginSoakBench -Dsoak.login=true
 * [-Dsoak.login.attempts=400] [-Dsoak.login.seconds=60]}. An attacker guesses passwords for a real
 * account (bob) and for random names from 8 addresses while a legitimate reviewer (alice, not attacked: a user
 * name under attack is blocked from every address by design) logs in from her own address; prints
 * status counts and latency percentiles, and checks that the attacker is throttled (429), nothing answers 5xx,
 * the legitimate login keeps working and the throttle maps stay within their bound.
 */
@QuarkusTest
@TestProfile(ReviewTestProfile.class)
@EnabledIfSystemProperty(named = "soak.login", matches = "true")
class LoginSoakBench {

    @Inject
    ReviewLogin login;

    @Test
    void passwordGuessingIsThrottledAndTheRealReviewerStillGetsIn() {
        int attempts = Integer.getInteger("soak.login.attempts", 400);
        long deadline = System.nanoTime() + Long.getLong("soak.login.seconds", 60L) * 1_000_000_000L;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> micros = new ArrayList<>();
        int done = 0;
        int legitimateOk = 0;
        int legitimateTries = 0;
        for (; done < attempts && System.nanoTime() < deadline; done++) {
            boolean legitimate = done % 50 == 49;
            String user = legitimate ? "alice" : (done % 2 == 0 ? "bob" : "guess-" + done);
            String address = legitimate ? "10.200.0.1" : "10.66.0." + (done % 8);
            String password = legitimate ? "alice-review-demo" : "guess-" + done;
            long t0 = System.nanoTime();
            int status = given().contentType(ContentType.URLENC).header("Origin", Login.origin())
                    .header("X-Forwarded-For", address).formParam("username", user).formParam("password", password)
                    .post("/review/login").statusCode();
            micros.add((System.nanoTime() - t0) / 1000);
            if (legitimate) {
                legitimateTries++;
                legitimateOk += status == 204 ? 1 : 0;
            } else {
                statuses.merge(status, 1, Integer::sum);
            }
        }
        Collections.sort(micros);
        System.out.printf("login soak: %d requests (attacker statuses %s), legitimate %d/%d ok; latency ms p50 %.1f "
                + "p95 %.1f max %.1f; tracked users %d, addresses %d, sessions %d%n", done, statuses, legitimateOk,
                legitimateTries, pct(micros, 0.5), pct(micros, 0.95), micros.get(micros.size() - 1) / 1000.0,
                login.perUser().size(), login.perAddress().size(), login.sessions().size());
        assertThat(statuses.keySet()).allMatch(s -> s == 401 || s == 429);
        assertThat(statuses.getOrDefault(429, 0)).isGreaterThan(statuses.getOrDefault(401, 0));
        assertThat(legitimateOk).isEqualTo(legitimateTries);
        assertThat(login.perAddress().size()).isLessThanOrEqualTo(10_000);
    }

    private static double pct(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1000.0;
    }
}
