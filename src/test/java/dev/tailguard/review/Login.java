package dev.tailguard.review;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Form login against the properties-file realm; returns the session cookie value. */
final class Login {

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
