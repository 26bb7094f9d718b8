package dev.tailguard.core.trigger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authentication of object-storage notifications. Two mechanisms, either of which admits a request:
 * <ul>
 *   <li>a shared token ({@code tailguard.trigger.auth-token}), matching MinIO's webhook {@code auth_token}: MinIO
 *       sends a one-word token as {@code Authorization: Bearer <token>} and a two-word value
 *       ({@code <scheme> <token>}) as is, so the header must equal {@code Bearer <token>} or the configured value;</li>
 *   <li>an HMAC-SHA256 signature of the exact request body ({@code tailguard.trigger.hmac-secret}) in the
 *       {@value #SIGNATURE_HEADER} header as {@code sha256=<hex>} (or bare hex).</li>
 * </ul>
 * Every comparison is constant-time ({@link MessageDigest#isEqual}). With neither configured the endpoint is
 * {@linkplain #configured() disabled}: never open.
 */
public final class NotificationAuth {

    /** Header carrying the body signature. */
    public static final String SIGNATURE_HEADER = "X-Tailguard-Signature";

    private final Optional<String> token;
    private final Optional<byte[]> hmacSecret;

    /**
     * @param token      shared token; blank counts as absent
     * @param hmacSecret HMAC-SHA256 key; blank counts as absent
     */
    public NotificationAuth(Optional<String> token, Optional<String> hmacSecret) {
        this.token = token.map(String::trim).filter(t -> !t.isEmpty());
        this.hmacSecret = hmacSecret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether any mechanism is configured; without one the endpoint must not be served. */
    public boolean configured() {
        return token.isPresent() || hmacSecret.isPresent();
    }

    /**
     * @param authorization   the {@code Authorization} header, or null
     * @param signature       the {@value #SIGNATURE_HEADER} header, or null
     * @param body            the raw request body
     * @return whether the request is authenticated
     */
    public boolean admits(String authorization, String signature, byte[] body) {
        boolean ok = false;
        if (token.isPresent() && authorization != null) {
            String presented = authorization.trim();
            // evaluate both comparisons, so the time taken does not say which form was close
            boolean bearer = equal("Bearer " + token.get(), presented);
            boolean raw = equal(token.get(), presented);
            ok = bearer | raw;
        }
        if (hmacSecret.isPresent() && signature != null) {
            String hex = signature.trim().toLowerCase(Locale.ROOT);
            if (hex.startsWith("sha256=")) {
                hex = hex.substring("sha256=".length());
            }
            ok |= equal(sign(hmacSecret.get(), body), hex);
        }
        return ok;
    }

    /** Lower-case hex HMAC-SHA256 of the body (what a sender puts after {@code sha256=}). */
    public static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean equal(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
