package dev.tailguard.core.generate.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Parses the wait a server asks for: OpenAI's and Azure's {@code retry-after-ms} (milliseconds, may have a
 * fraction) first, else HTTP {@code Retry-After} as delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The wait the response headers ask for.
     *
     * @param retryAfterMs the {@code retry-after-ms} header value or null
     * @param retryAfter   the {@code Retry-After} header value or null
     */
    public static Optional<Duration> fromHeaders(String retryAfterMs, String retryAfter, Instant now) {
        if (retryAfterMs != null && !retryAfterMs.isBlank()) {
            try {
                double ms = Double.parseDouble(retryAfterMs.strip());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return Optional.of(Duration.ofNanos((long) Math.ceil(ms * 1_000_000d)));
                }
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        return parse(retryAfter, now);
    }

    /** The wait the header asks for (zero for a date in the past), or empty when absent or unparseable. */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long s = Long.parseLong(v);
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(s));
        } catch (NumberFormatException ignored) {
            // not delay-seconds: try an HTTP date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
