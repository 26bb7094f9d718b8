package dev.tailguard.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synchroniser tokens for state-changing review requests: HMAC-SHA256 of the authenticated principal under a
 * server secret. The page reads its token from {@code GET /review/session} (same-origin only) and sends it in the
 * {@value #HEADER} header; a cross-site form or script can neither read the token nor set the header.
 */
@ApplicationScoped
public class CsrfTokens {

    /** Request header carrying the token. */
    public static final String HEADER = "X-Tailguard-CSRF";

    private final byte[] secret;

    @Inject
    public CsrfTokens(ReviewConfig config) {
        this.secret = config.secret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            return b;
        });
    }

    /** The token of a principal. */
    public String token(String principal) {
        return sign("tailguard-review-csrf\0" + principal);
    }

    /** Base64url HMAC-SHA256 of the message under the server secret (also signs session cookies). */
    String sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of a presented signature. */
    boolean matches(String message, String presented) {
        return presented != null && MessageDigest.isEqual(sign(message).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time check of a presented token. */
    public boolean valid(String principal, String presented) {
        return presented != null && !presented.isEmpty() && matches("tailguard-review-csrf\0" + principal, presented);
    }
}
