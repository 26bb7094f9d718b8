package dev.tailguard.core.generate.llm;

/**
 * Builds the {@link ChatClient} of one {@link LlmGenerator}. The adapter layer supplies it (e.g.
 * {@code dev.tailguard.llm.OpenAiClient::new}); core never names an HTTP client.
 */
@FunctionalInterface
public interface ChatClientFactory {

    /**
     * @param config  endpoint, model, key, timeouts and retry settings
     * @param breaker the breaker the client reports to
     */
    ChatClient create(LlmConfig config, CircuitBreaker breaker);

    /** A factory for builds without an LLM adapter: fails with a message naming the missing piece. */
    ChatClientFactory NONE = (config, breaker) -> {
        throw new IllegalStateException("generator 'llm' needs a chat client adapter (dev.tailguard.llm.OpenAiClient);"
                + " none was given to this generator selector");
    };
}
