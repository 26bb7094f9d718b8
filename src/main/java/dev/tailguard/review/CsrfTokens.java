package dev.tailguard.review;

/**
 * Synchroniser tokens for state-changing review requests. Each server-side session has its own random token
 * ({@link dev.tailguard.core.review.login.SessionStore}), new at every login and void after logout; the page reads
 * it from {@code GET /review/session} (same-origin only) and sends it in the {@value #HEADER} header, which
 * {@link CsrfFilter} checks against the session of the request's cookie.
 */
public final class CsrfTokens {

    /** Request header carrying the token. */
    public static final String HEADER = "X-Tailguard-CSRF";

    private CsrfTokens() {
    }
}
