package dev.tailguard.core.generate.llm;

/**
 * A completion call that produced nothing usable. The message never contains the API key.
 *
 * @see ChatClient
 */
public final class LlmCallException extends Exception {

    private final String reason;
    private final int retries;
    private final long promptTokens;
    private final long completionTokens;
    private final boolean usageReported;

    /**
     * @param reason machine-readable: {@code timeout}, {@code rate_limited}, {@code server_error}, {@code io_error},
     *               {@code http_error} (other 4xx), {@code http_fatal} (401, 403, 404: wrong key, model or URL; no
     *               later call can succeed), {@code malformed_completion}, {@code empty_completion}, {@code interrupted}
     */
    public LlmCallException(String reason, String detail, int retries, long promptTokens, long completionTokens,
                            boolean usageReported) {
        super(detail, null, false, false);
        this.reason = reason;
        this.retries = retries;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.usageReported = usageReported;
    }

    public String reason() {
        return reason;
    }

    public int retries() {
        return retries;
    }

    /** Prompt tokens the server reported for the failed call (0 when none). */
    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    public boolean usageReported() {
        return usageReported;
    }
}
