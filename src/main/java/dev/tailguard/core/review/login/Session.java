package dev.tailguard.core.review.login;

import java.time.Instant;

/**
 * A server-side reviewer session.
 *
 * @param id        random session id (the cookie value), 256 bits, base64url
 * @param user      the authenticated user
 * @param csrfToken random per-session CSRF token, 256 bits, base64url (new at every login)
 * @param expires   absolute expiry
 */
public record Session(String id, String user, String csrfToken, Instant expires) {
}
