package dev.tailguard.core.generate.llm;

/**
 * A usable completion.
 *
 * @param text             the assistant message content, stripped, never empty, with the API key redacted
 * @param promptTokens     from the server's {@code usage}, or -1 when absent
 * @param completionTokens from the server's {@code usage}, or -1 when absent
 * @param finishReason     the choice's {@code finish_reason} (may be null)
 * @param retries          extra attempts the call needed
 * @param secretRedacted   whether the server echoed the API key (in some encoding) and it was masked
 */
public record Completion(String text, long promptTokens, long completionTokens, String finishReason, int retries,
                         boolean secretRedacted) {

    /** A completion in which no secret was found. */
    public Completion(String text, long promptTokens, long completionTokens, String finishReason, int retries) {
        this(text, promptTokens, completionTokens, finishReason, retries, false);
    }

    public boolean usageReported() {
        return promptTokens >= 0 && completionTokens >= 0;
    }

    /** Whether the server stopped at the token limit: the text is cut, not a whole document. */
    public boolean truncated() {
        return "length".equals(finishReason);
    }
}
