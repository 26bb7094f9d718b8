package dev.tailguard.core.review.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Origin/Referer check of state-changing requests (POST, PUT, PATCH, DELETE), the OWASP CSRF cheat sheet's
 * "verifying origin with standard headers": the {@code Origin} header, or without it the origin of the
 * {@code Referer}, must equal one of the allowed origins ({@code tailguard.review.public-origin}, e.g.
 * {@code https://review.example.org}) or, when none is configured, the request's own scheme and host as the server
 * sees it (behind a proxy: with {@code quarkus.http.proxy.*} forwarding enabled). A request with neither header is
 * refused: browsers send {@code Origin} on every cross-origin and same-origin POST made by {@code fetch}.
 */
public final class OriginCheck {

    private final List<String> allowed;

    /** @param allowed configured public origins ({@code scheme://host[:port]}); empty means "the request's own" */
    public OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginCheck::normalise).flatMap(Optional::stream).toList();
    }

    /** Whether the method changes state and so needs the check. */
    public static boolean stateChanging(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /**
     * Why the request is refused, or empty when its origin is allowed.
     *
     * @param origin     the {@code Origin} header or null
     * @param referer    the {@code Referer} header or null
     * @param selfOrigin the request's own {@code scheme://host[:port]}
     */
    public Optional<String> refusal(String origin, String referer, String selfOrigin) {
        String presented = origin != null && !origin.isBlank() && !"null".equals(origin.strip()) ? origin
                : referer;
        if (presented == null || presented.isBlank()) {
            return Optional.of("state-changing request without Origin or Referer header");
        }
        Optional<String> o = normalise(presented);
        if (o.isEmpty()) {
            return Optional.of("unparseable Origin/Referer '" + presented + "'");
        }
        List<String> ok = allowed.isEmpty() ? normalise(selfOrigin).stream().toList() : allowed;
        return ok.contains(o.get()) ? Optional.empty()
                : Optional.of("origin " + o.get() + " is not " + String.join(" or ", ok));
    }

    /** {@code scheme://host[:port]} lower-cased with default ports dropped, or empty if not an http(s) URL. */
    static Optional<String> normalise(String url) {
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean dflt = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
