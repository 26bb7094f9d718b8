package dev.tailguard.core.review.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginCoreTest {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private final PasswordHash hashes = new PasswordHash((pw, h) -> h.equals("$2a$10$" + "x".repeat(53))
            && new String(pw).equals("bcrypt-pw"));

    @Test
    void usersFileParsesPbkdf2AndBcryptAndNamesTheBadLine() {
        String pbkdf2 = PasswordHash.pbkdf2("pw-1".toCharArray(), PasswordHash.MIN_ITERATIONS);
        ReviewUsers users = ReviewUsers.parse("# comment\n\nann:" + pbkdf2 + ":reviewer,viewer\nben:$2a$10$"
                + "x".repeat(53) + ":\n", "users");
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.find("ann").orElseThrow().roles()).containsExactlyInAnyOrder("reviewer", "viewer");
        assertThat(users.authenticate("ann", "pw-1".toCharArray(), hashes)).isPresent();
        assertThat(users.authenticate("ann", "pw-2".toCharArray(), hashes)).isEmpty();
        assertThat(users.authenticate("ben", "bcrypt-pw".toCharArray(), hashes)).isPresent();
        assertThat(users.authenticate("nobody", "pw-1".toCharArray(), hashes)).isEmpty();

        assertThatThrownBy(() -> ReviewUsers.parse("ann:" + pbkdf2 + ":reviewer\nbob:plaintext:reviewer\n", "f"))
                .hasMessageStartingWith("f line 2 (user bob): unknown hash format");
        assertThatThrownBy(() -> ReviewUsers.parse("a:b\n", "f")).hasMessageContaining("f line 1: expected user:hash:roles");
        assertThatThrownBy(() -> ReviewUsers.parse("x:" + PasswordHash.pbkdf2("p".toCharArray(), 1000) + ":r", "f"))
                .hasMessageContaining("below the minimum");
        assertThatThrownBy(() -> ReviewUsers.parse("ann:" + pbkdf2 + ":r\nann:" + pbkdf2 + ":r", "f"))
                .hasMessageContaining("line 2: user ann is listed twice");
    }

    @Test
    void throttleBlocksAfterMaxFailuresUntilTheWindowEndsAndIsBounded() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(t.blocked("u", T0)).isEmpty();
            t.failed("u", T0.plusSeconds(i));
        }
        assertThat(t.blocked("u", T0.plusSeconds(10))).contains(Duration.ofSeconds(290));
        assertThat(t.blocked("u", T0.plusSeconds(300))).isEmpty();
        t.failed("v", T0);
        t.succeeded("v");
        assertThat(t.size()).isZero();
        for (int i = 0; i < 10_000; i++) {
            t.failed("flood-" + i, T0);
        }
        assertThat(t.size()).isEqualTo(100);
    }

    @Test
    void sessionsAreRandomRevocableExpireAndAreBounded() {
        SessionStore s = new SessionStore(Duration.ofHours(1), 50);
        Session a = s.create("ann", T0);
        Session b = s.create("ann", T0);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.csrfToken()).isNotEqualTo(b.csrfToken()).isNotEqualTo(a.id());
        assertThat(s.csrfValid(a.id(), a.csrfToken(), T0)).isTrue();
        assertThat(s.csrfValid(a.id(), b.csrfToken(), T0)).isFalse();
        assertThat(s.revoke(a.id())).isTrue();
        assertThat(s.find(a.id(), T0)).isEmpty();
        assertThat(s.csrfValid(a.id(), a.csrfToken(), T0)).isFalse();
        assertThat(s.find(b.id(), T0.plus(Duration.ofHours(1)))).isEmpty();
        for (int i = 0; i < 1000; i++) {
            s.create("u" + i, T0);
        }
        assertThat(s.size()).isEqualTo(50);
    }

    @Test
    void originCheckComparesSchemeHostAndPort() {
        OriginCheck self = new OriginCheck(List.of());
        assertThat(self.refusal("http://localhost:8080", null, "http://localhost:8080")).isEmpty();
        assertThat(self.refusal(null, "http://localhost:8080/review/", "http://localhost:8080")).isEmpty();
        assertThat(self.refusal("http://localhost:8081", null, "http://localhost:8080")).isPresent();
        assertThat(self.refusal(null, null, "http://localhost:8080")).get().asString().contains("without Origin");
        assertThat(self.refusal("null", null, "http://localhost:8080")).isPresent();
        OriginCheck pub = new OriginCheck(List.of("https://Review.Example.org:443"));
        assertThat(pub.refusal("https://review.example.org", null, "http://10.0.0.5:8080")).isEmpty();
        assertThat(pub.refusal("http://review.example.org", null, "http://review.example.org")).isPresent();
        assertThat(OriginCheck.stateChanging("post")).isTrue();
        assertThat(OriginCheck.stateChanging("GET")).isFalse();
    }
}
