package dev.tailguard.core.generate.llm;

/**
 * Stops a generator from hammering an endpoint that is down. Opens, for good (one breaker serves one stage), after
 * {@code threshold} consecutive failed attempts across all requests in flight (a success resets the count), or at
 * once when the endpoint is unreachable or answers with a fatal status (wrong key, model or URL). Once open, no
 * request is sent and the generator stops the stage with {@link #cause()}. Thread-safe.
 */
public final class CircuitBreaker {

    private final int threshold;
    private int consecutive;
    private String cause;

    /** @param threshold consecutive failed attempts that open the breaker (&gt;= 1) */
    public CircuitBreaker(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("circuit breaker threshold must be >= 1");
        }
        this.threshold = threshold;
    }

    /** A successful attempt: the count of consecutive failures restarts. */
    public synchronized void success() {
        consecutive = 0;
    }

    /** A failed attempt; opens the breaker at the threshold. */
    public synchronized void failure(String reason, String detail) {
        consecutive++;
        if (cause == null && consecutive >= threshold) {
            cause = consecutive + " consecutive failed requests, last " + reason + ": " + detail;
        }
    }

    /** Opens the breaker now (unreachable endpoint, fatal HTTP status). The first cause is kept. */
    public synchronized void open(String why) {
        if (cause == null) {
            cause = why;
        }
    }

    /** Whether no more requests may be sent. */
    public synchronized boolean isOpen() {
        return cause != null;
    }

    /** Why the breaker opened, or null while closed. */
    public synchronized String cause() {
        return cause;
    }
}
