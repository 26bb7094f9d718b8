package dev.tailguard.review;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Form login against the runtime users file; returns the session cookie value. */
final class Login {

    /** The server's own origin, as a browser on the review page sends it. */
    static String origin() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    /** Every request of this test sends the page's Origin (state-changing review requests need it). */
    static void sendOrigin() {
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Origin", origin()).build();
    }

    /** Undoes {@link #sendOrigin()}. */
    static void reset() {
        RestAssured.requestSpecification = null;
    }

    static final String COOKIE = ReviewSessionMechanism.COOKIE;

    private Login() {
    }

    static String as(String user, String password) {
        Response r = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", password)
                .post("/review/login");
        String cookie = r.getCookie(COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            throw new AssertionError("login of " + user + " failed: HTTP " + r.statusCode());
        }
        return cookie;
    }
}
