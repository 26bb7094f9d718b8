package dev.tailguard.review;

import static io.restassured.RestAssured.given;

import dev.tailguard.cloud.CloudRoutes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deployment that enabled the ingest endpoint and the review page but configured neither a notification token
 * nor reviewer accounts (as prod has no demo accounts): the notification endpoint is not served and every login
 * is refused; nothing is open.
 */
@QuarkusTest
@TestProfile(UnconfiguredSecurityTest.Profile.class)
class UnconfiguredSecurityTest {

    /** Trigger on without a token, no users file. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0", "tailguard.trigger.enabled", "true",
                    "tailguard.review.users-file", "", "tailguard.store.root",
                    "target/unconfigured-store-" + ProcessHandle.current().pid());
        }
    }

    @Test
    void notificationEndpointIsNotServedWithoutAToken() {
        given().contentType(ContentType.JSON).body("{\"Records\":[]}").post(CloudRoutes.NOTIFICATIONS_PATH)
                .then().statusCode(404);
        given().header("Authorization", "Bearer anything").contentType(ContentType.JSON).body("{\"Records\":[]}")
                .post(CloudRoutes.NOTIFICATIONS_PATH).then().statusCode(404);
    }

    @Test
    void loginIsRefusedWithoutReviewerAccountsAndDemoUsersDoNotWork() {
        given().contentType(ContentType.URLENC).header("Origin", Login.origin()).formParam("username", "alice")
                .formParam("password", "alice-review-demo").post("/review/login").then().statusCode(503);
        given().get("/review/batches").then().statusCode(401);
    }
}
