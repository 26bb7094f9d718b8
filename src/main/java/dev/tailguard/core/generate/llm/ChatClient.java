package dev.tailguard.core.generate.llm;

import java.util.List;

/**
 * The port through which {@link LlmGenerator} asks a chat-completion endpoint for text. Core holds only this
 * interface; the HTTP client that implements it is an adapter ({@code dev.tailguard.llm.OpenAiClient}), handed in
 * through a {@link ChatClientFactory}. An implementation retries as {@link LlmConfig} allows and reports every
 * outcome to its {@link CircuitBreaker}.
 */
public interface ChatClient {

    /** The breaker this client reports to (shared by all clients of one stage). */
    CircuitBreaker breaker();

    /**
     * One chat completion of a message list (e.g. a continuation after {@code finish_reason=length}).
     *
     * @param topK 0 = not sent
     * @param seed the {@code seed} request field (reproducible sampling on servers that support it)
     * @throws LlmCallException when no usable completion came back after the allowed retries
     */
    Completion complete(List<ChatMessage> messages, double temperature, int topK, int maxTokens, long seed)
            throws LlmCallException;

    /** One chat completion of a system (may be null or empty: not sent) and a user message. */
    default Completion complete(String system, String user, double temperature, int topK, int maxTokens, long seed)
            throws LlmCallException {
        List<ChatMessage> messages = system == null || system.isEmpty() ? List.of(new ChatMessage("user", user))
                : List.of(new ChatMessage("system", system), new ChatMessage("user", user));
        return complete(messages, temperature, topK, maxTokens, seed);
    }
}
