package dev.tailguard.core.review.login;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-login throttling per key (a user name, or a client address). A key that failed {@code maxFailures} times
 * within {@code window} is blocked until {@code window} after its first counted failure; a blocked key is refused
 * before any password is checked (the HTTP adapter answers 429 with {@code Retry-After}). A successful login
 * clears the key. At most {@code capacity} keys are tracked (least recently touched evicted first), so a flood of
 * distinct user names cannot grow memory; an evicted key simply starts counting again.
 */
public final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final int capacity;
    private final LinkedHashMap<String, Counter> counters;

    private static final class Counter {
        Instant first;
        int failures;
    }

    /**
     * @param maxFailures failures allowed in a window before the key is blocked, at least 1
     * @param window      counting window and block length
     * @param capacity    most keys tracked, at least 1
     */
    public LoginThrottle(int maxFailures, Duration window, int capacity) {
        if (maxFailures < 1 || capacity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxFailures and capacity must be >= 1 and the window positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.capacity = capacity;
        this.counters = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
                return size() > LoginThrottle.this.capacity;
            }
        };
    }

    /** How long the key stays blocked, or empty when it may try now. */
    public synchronized Optional<Duration> blocked(String key, Instant now) {
        Counter c = counters.get(key);
        if (c == null) {
            return Optional.empty();
        }
        Instant until = c.first.plus(window);
        if (!until.isAfter(now)) {
            counters.remove(key);
            return Optional.empty();
        }
        return c.failures >= maxFailures ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Counts a failed attempt. */
    public synchronized void failed(String key, Instant now) {
        Counter c = counters.get(key);
        if (c == null || !c.first.plus(window).isAfter(now)) {
            c = new Counter();
            c.first = now;
            counters.put(key, c);
        }
        c.failures++;
    }

    /** Clears the key after a successful login. */
    public synchronized void succeeded(String key) {
        counters.remove(key);
    }

    /** Keys tracked now (never more than the capacity). */
    public synchronized int size() {
        return counters.size();
    }
}
