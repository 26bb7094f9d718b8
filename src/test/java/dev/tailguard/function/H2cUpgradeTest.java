package dev.tailguard.function;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real h2c client (the JDK's {@link HttpClient} with {@code HTTP_2} over {@code http://} sends
 * {@code Upgrade: h2c}) against the server: a POST with a body to a path nothing serves is a 404 as over HTTP/1.1,
 * not the 500 ("Request has already been read") that the upgraded request got from RESTEasy Reactive's fallback,
 * and the stage functions still answer an h2c client (over HTTP/1.1: the upgrade is declined).
 */
@QuarkusTest
class H2cUpgradeTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void anH2cPostWithABodyToAnUnservedPathIs404LikeHttp11() throws Exception {
        HttpResponse<String> r = h2c.send(HttpRequest.newBuilder(uri("/no-such-path"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(r.version()).as("the h2c upgrade is declined").isEqualTo(HttpClient.Version.HTTP_1_1);

        HttpResponse<String> h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uri("/no-such-path")).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(h1.statusCode()).isEqualTo(r.statusCode());
    }

    @Test
    void anH2cGetAndAStageEventAreAnsweredWithoutA5xx() throws Exception {
        HttpResponse<String> get = h2c.send(HttpRequest.newBuilder(uri("/no-such-path")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(404);

        HttpResponse<String> event = h2c.send(HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("ce-id", "h2c-1").header("ce-specversion", "1.0")
                .header("ce-type", "dev.tailguard.run.requested").header("ce-source", "h2c-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[\"/etc/passwd\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(event.statusCode()).as(event.body()).isEqualTo(422);
        assertThat(event.body()).contains("input refused");
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
