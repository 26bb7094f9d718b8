package dev.tailguard.core.generate.llm;

/**
 * One rephrasing prompt: a system message and a user message containing {@code {text}} once.
 *
 * @param id     prompt id (file name without {@code .prompt}), recorded as {@code prompt_id}
 * @param style  style name recorded as {@code style} (e.g. {@code medium})
 * @param system system message, may be empty
 * @param user   user message template with one {@code {text}} placeholder
 * @param sha256 SHA-256 of the template file, recorded as {@code prompt_sha256}
 */
public record PromptTemplate(String id, String style, String system, String user, String sha256) {

    /** The user message for one chunk. */
    public String render(String text) {
        return user.replace("{text}", text);
    }
}
