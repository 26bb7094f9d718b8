package dev.tailguard.cli.tools;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The HTTP side of {@link AdversarialReplay}: CloudEvents in binary mode on {@code POST /}, plain JSON and form
 * posts, and the reviewer session cookie handled by hand (so a logged-out cookie can be sent again). HTTP/1.1 only,
 * bounded timeouts, one base URL.
 */
final class ReplayHttp {

    /** Name of the reviewer session cookie (the same on the old and the current build). */
    static final String SESSION_COOKIE = "tailguard-review-session";
    /** CSRF header of the reviewer API (the same on the old and the current build). */
    static final String CSRF_HEADER = "X-Tailguard-CSRF";

    /** An answer: status and body; status -1 when no HTTP answer came (connection refused or reset, timeout). */
    record Answer(int status, String body, Optional<String> sessionCookie) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean refused() {
            return status >= 400 && status < 500;
        }

        /** The status and the first 160 characters of the body, on one line. */
        String brief() {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return (status < 0 ? "no answer" : Integer.toString(status)) + (b.isEmpty() ? "" : " " + cut(b, 160));
        }
    }

    private final URI base;
    private final HttpClient client;
    private final Duration timeout;

    ReplayHttp(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The server's origin ({@code scheme://host:port}), sent as {@code Origin} by the legitimate requests. */
    String origin() {
        return base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
    }

    /** A binary-mode CloudEvent of {@code type} with a JSON body on {@code POST /}. */
    Answer event(String type, String json) {
        return send(HttpRequest.newBuilder(base.resolve("/")).header("Content-Type", "application/json")
                .header("ce-id", UUID.randomUUID().toString()).header("ce-specversion", "1.0")
                .header("ce-type", type).header("ce-source", "tailguard-bench-adversarial")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST path} with a JSON body and an optional {@code Authorization} header. */
    Answer postJson(String path, String json, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    /** {@code POST /review/login} with the form fields, from the server's own origin. */
    Answer login(String user, String password) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve("/review/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code GET path} with the session cookie (or none). */
    Answer get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (cookie != null) {
            b.header("Cookie", SESSION_COOKIE + "=" + cookie);
        }
        return send(b);
    }

    /**
     * A reviewer POST with the session cookie, the CSRF token and the given {@code Origin} (null: none).
     */
    Answer reviewPost(String path, String json, String cookie, String csrf, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("Cookie", SESSION_COOKIE + "=" + cookie).POST(HttpRequest.BodyPublishers.ofString(json));
        if (csrf != null) {
            b.header(CSRF_HEADER, csrf);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b);
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> cookie = r.headers().allValues("set-cookie").stream()
                    .filter(c -> c.startsWith(SESSION_COOKIE + "="))
                    .map(c -> c.substring(SESSION_COOKIE.length() + 1).split(";", 2)[0])
                    .filter(v -> !v.isEmpty()).findFirst();
            return new Answer(r.statusCode(), r.body(), cookie);
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", Optional.empty());
        }
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
