package dev.tailguard.core.review.login;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side sessions: a login creates a session with a random id and a random CSRF token; logout
 * {@linkplain #revoke revokes} it, so its cookie is refused at once even before expiry. At most {@code capacity}
 * sessions are held; creating one more evicts expired sessions first, then the least recently used one (that
 * reviewer must log in again). Sessions live in this process: several replicas need session affinity (or OIDC).
 */
public final class SessionStore {

    private final SecureRandom random = new SecureRandom();
    private final Duration timeout;
    private final int capacity;
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param timeout  session lifetime from login
     * @param capacity most sessions held, at least 1
     */
    public SessionStore(Duration timeout, int capacity) {
        if (capacity < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("session capacity must be >= 1 and timeout positive");
        }
        this.timeout = timeout;
        this.capacity = capacity;
    }

    /** A new session of the user, with a new CSRF token. */
    public synchronized Session create(String user, Instant now) {
        Session s = new Session(randomToken(), user, randomToken(), now.plus(timeout));
        sessions.put(s.id(), s);
        if (sessions.size() > capacity) {
            sessions.values().removeIf(x -> !x.expires().isAfter(now));
        }
        Iterator<String> eldest = sessions.keySet().iterator();
        while (sessions.size() > capacity && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
        return s;
    }

    /** The live session of a cookie value; expired sessions are removed. */
    public synchronized Optional<Session> find(String id, Instant now) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Ends a session; its id and CSRF token are no longer accepted. */
    public synchronized boolean revoke(String id) {
        return id != null && sessions.remove(id) != null;
    }

    /** Whether the presented CSRF token is the live session's (constant-time). */
    public boolean csrfValid(String sessionId, String presented, Instant now) {
        return presented != null && find(sessionId, now).map(s -> MessageDigest.isEqual(
                s.csrfToken().getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /** Sessions held now (never more than the capacity). */
    public synchronized int size() {
        return sessions.size();
    }

    /** Drops every session of a user (e.g. removed from the users file). */
    public synchronized void revokeUser(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** For tests: the number of sessions, keyed by user. */
    synchronized Map<String, Long> countByUser() {
        Map<String, Long> out = new LinkedHashMap<>();
        sessions.values().forEach(s -> out.merge(s.user(), 1L, Long::sum));
        return out;
    }
}
