package dev.tailguard.core.generate;

import java.util.Map;
import java.util.TreeMap;

/**
 * A generate stage that must fail rather than report success: the generator's circuit breaker opened (the LLM
 * endpoint is down, hangs, or keeps failing) or the stage produced fewer synthetic documents than
 * {@link MinimumDocuments} requires. The message and {@link #counts()} name the causes with their counts; the
 * stage turns it into its failure (one {@code catch}).
 */
public final class GenerationFailedException extends RuntimeException {

    /** Why generation stopped. */
    public enum Reason {
        /** the circuit breaker opened; nothing more was sent. */
        CIRCUIT_OPEN,
        /** fewer synthetic documents than the configured minimum. */
        TOO_FEW_DOCUMENTS
    }

    private final Reason reason;
    private final Map<String, Long> counts;

    /**
     * @param counts {@code accepted}, {@code not_sent} and one entry per rejection reason
     */
    public GenerationFailedException(Reason reason, String message, Map<String, Long> counts) {
        super(message + " " + new TreeMap<>(counts));
        this.reason = reason;
        this.counts = Map.copyOf(counts);
    }

    public Reason reason() {
        return reason;
    }

    /** Documents accepted, chunks not sent and rejections per reason. */
    public Map<String, Long> counts() {
        return counts;
    }
}
