package dev.tailguard.core.generate.llm;

/**
 * One message of a chat completion request.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the message text
 */
public record ChatMessage(String role, String content) {
}
