package dev.tailguard.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.review.ReviewFixture;
import dev.tailguard.core.review.ReviewQueue;
import dev.tailguard.core.review.login.PasswordHash;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 3 against the real server: runtime users file, throttling, per-session CSRF tokens, server-side
 * logout, Origin/Referer checks and Secure cookies behind a TLS-terminating proxy.
 */
@QuarkusTest
@TestProfile(ReviewTestProfile.class)
class ReviewLoginSecurityTest {

    @Inject
    ReviewQueue queue;
    @Inject
    ObjectStore store;

    private static Response login(String user, String password, String address, String origin) {
        var spec = given().redirects().follow(false).contentType(ContentType.URLENC).header("X-Forwarded-For", address)
                .formParam("username", user).formParam("password", password);
        if (origin != null) {
            spec = spec.header("Origin", origin);
        }
        return spec.post("/review/login");
    }

    private static String address() {
        return "10.13." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
    }

    @Test
    void repeatedFailuresOfOneUserGet429WithRetryAfterEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            login("carol", "wrong-" + i, address(), Login.origin()).then().statusCode(401);
        }
        Response blocked = login("carol", ReviewTestProfile.CAROL_PASSWORD, address(), Login.origin());
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(blocked.getCookie(Login.COOKIE)).isNull();
    }

    @Test
    void repeatedFailuresFromOneAddressGet429ForEveryUser() {
        String attacker = address();
        for (int i = 0; i < 20; i++) {
            login("nobody-" + i, "guess", attacker, Login.origin()).then().statusCode(401);
        }
        Response blocked = login("alice", "alice-review-demo", attacker, Login.origin());
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        login("alice", "alice-review-demo", address(), Login.origin()).then().statusCode(204);
    }

    @Test
    void csrfTokenIsPerSessionRotatedAtLoginAndLogoutRevokesTheSession() throws Exception {
        String id = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        queue.enqueue(ReviewFixture.write(store, id, id + "-b", 8, 11));
        String first = login("alice", "alice-review-demo", address(), Login.origin()).getCookie(Login.COOKIE);
        String second = login("alice", "alice-review-demo", address(), Login.origin()).getCookie(Login.COOKIE);
        assertThat(first).isNotEqualTo(second);
        String t1 = given().cookie(Login.COOKIE, first).get("/review/session").then().statusCode(200)
                .extract().path("csrf_token");
        String t2 = given().cookie(Login.COOKIE, second).get("/review/session").then().statusCode(200)
                .extract().path("csrf_token");
        assertThat(t1).isNotEqualTo(t2).hasSizeGreaterThanOrEqualTo(43);
        // another session's token is refused
        given().cookie(Login.COOKIE, second).header(CsrfTokens.HEADER, t1).header("Origin", Login.origin())
                .contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "-b/approve")
                .then().statusCode(403);
        // logout revokes the first session server-side: its cookie gets 401 although it has not expired
        given().cookie(Login.COOKIE, first).header(CsrfTokens.HEADER, t1).header("Origin", Login.origin())
                .post("/review/session/logout").then().statusCode(204);
        given().cookie(Login.COOKIE, first).get("/review/session").then().statusCode(401);
        given().cookie(Login.COOKIE, first).header(CsrfTokens.HEADER, t1).header("Origin", Login.origin())
                .contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "-b/approve")
                .then().statusCode(401);
        given().cookie(Login.COOKIE, second).get("/review/session").then().statusCode(200);
        assertThat(queue.get(id + "-b").decision()).isNull();
    }

    @Test
    void stateChangingRequestsNeedTheServersOwnOrigin() throws Exception {
        login("alice", "alice-review-demo", address(), "https://evil.example").then().statusCode(403);
        login("alice", "alice-review-demo", address(), null).then().statusCode(403);
        given().contentType(ContentType.URLENC).header("Referer", Login.origin() + "/review/")
                .formParam("username", "alice").formParam("password", "alice-review-demo").post("/review/login")
                .then().statusCode(204);

        String id = "origin-" + UUID.randomUUID().toString().substring(0, 8);
        queue.enqueue(ReviewFixture.write(store, id, id + "-b", 8, 11));
        String cookie = login("alice", "alice-review-demo", address(), Login.origin()).getCookie(Login.COOKIE);
        String token = given().cookie(Login.COOKIE, cookie).get("/review/session").then().extract().path("csrf_token");
        given().cookie(Login.COOKIE, cookie).header(CsrfTokens.HEADER, token).header("Origin", "http://evil.example")
                .contentType(ContentType.JSON).body("{}").post("/review/batches/" + id + "-b/approve")
                .then().statusCode(403);
        given().cookie(Login.COOKIE, cookie).header(CsrfTokens.HEADER, token).contentType(ContentType.JSON)
                .body("{}").post("/review/batches/" + id + "-b/approve").then().statusCode(403);
        assertThat(queue.get(id + "-b").decision()).isNull();
    }

    @Test
    void sessionCookieIsSecureBehindATlsTerminatingProxy() {
        Response plain = login("alice", "alice-review-demo", address(), Login.origin());
        assertThat(plain.detailedCookie(Login.COOKIE).isSecured()).isFalse();
        assertThat(plain.detailedCookie(Login.COOKIE).isHttpOnly()).isTrue();
        // as nginx/an ingress forwards it: the public Host, X-Forwarded-Proto https; the browser's Origin is public
        Response proxied = given().contentType(ContentType.URLENC).header("Host", "review.example.org")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", address())
                .header("Origin", "https://review.example.org").formParam("username", "alice")
                .formParam("password", "alice-review-demo").post("/review/login");
        assertThat(proxied.statusCode()).as(proxied.asString()).isEqualTo(204);
        assertThat(proxied.detailedCookie(Login.COOKIE).isSecured()).isTrue();
    }

    @Test
    void usersFileIsReadAtRunTimeAndARemovedUserLosesAccessAtOnce() throws Exception {
        login("dave", "dave-pass-1", address(), Login.origin()).then().statusCode(401);
        String dave = "dave:" + PasswordHash.pbkdf2("dave-pass-1".toCharArray(), PasswordHash.MIN_ITERATIONS)
                + ":reviewer\n";
        Files.writeString(ReviewTestProfile.USERS, dave, StandardOpenOption.APPEND);
        Thread.sleep(20);
        String cookie = login("dave", "dave-pass-1", address(), Login.origin()).then().statusCode(204).extract()
                .cookie(Login.COOKIE);
        given().cookie(Login.COOKIE, cookie).get("/review/batches").then().statusCode(200);
        Files.writeString(ReviewTestProfile.USERS, ReviewTestProfile.users());
        Files.setLastModifiedTime(ReviewTestProfile.USERS, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() + 2000));
        given().cookie(Login.COOKIE, cookie).get("/review/batches").then().statusCode(401);
    }
}
