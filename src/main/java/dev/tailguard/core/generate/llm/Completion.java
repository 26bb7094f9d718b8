package dev.tailguard.core.generate.llm;

/**
 * A usable completion.
 *
 * @param text             the assistant message content, stripped, never empty
 * @param promptTokens     from the server's {@code usage}, or -1 when absent
 * @param completionTokens from the server's {@code usage}, or -1 when absent
 * @param finishReason     the choice's {@code finish_reason} (may be null)
 * @param retries          extra attempts the call needed
 */
public record Completion(String text, long promptTokens, long completionTokens, String finishReason, int retries) {

    public boolean usageReported() {
        return promptTokens >= 0 && completionTokens >= 0;
    }
}
