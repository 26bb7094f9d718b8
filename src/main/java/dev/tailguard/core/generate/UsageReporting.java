package dev.tailguard.core.generate;

/**
 * A generator that accounts for what it spent (tokens, requests, retries, failures, cost, budget state). The generate
 * stage writes {@link Usage#toMap()} into its manifest, and the report stage copies it into report.json {@code usage}.
 */
public interface UsageReporting {

    /** Usage so far, per style and in total. */
    Usage usage();
}
