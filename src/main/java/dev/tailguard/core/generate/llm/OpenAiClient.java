package dev.tailguard.core.generate.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Minimal client of the OpenAI-compatible {@code POST {base-url}/chat/completions} (OpenAI, vLLM, Ollama,
 * llama.cpp server, KServe). Retries 408, 429, 5xx, timeouts and I/O errors up to {@code maxRetries} times with
 * exponential backoff and jitter, waiting at least the {@code Retry-After} the server asks for. Errors never
 * contain the API key.
 */
public final class OpenAiClient {

    private static final System.Logger LOG = System.getLogger(OpenAiClient.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmConfig config;
    private final HttpClient http;
    private final URI endpoint;

    public OpenAiClient(LlmConfig config) {
        this.config = config;
        this.endpoint = URI.create(config.baseUrl() + "/chat/completions");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).build();
    }

    /**
     * One chat completion.
     *
     * @param seed the {@code seed} request field (reproducible sampling on servers that support it)
     * @throws LlmCallException when no usable completion came back after the allowed retries
     */
    public Completion complete(String system, String user, double temperature, int topK, int maxTokens, long seed)
            throws LlmCallException {
        byte[] body = requestBody(system, user, temperature, topK, maxTokens, seed);
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(config.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.apiKey() != null && !config.apiKey().isBlank()) {
            rb.header("Authorization", "Bearer " + config.apiKey());
        }
        HttpRequest request = rb.build();
        int attempt = 0;
        while (true) {
            String reason;
            String detail;
            Duration retryAfter = null;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = r.statusCode();
                if (status == 200) {
                    return parse(r.body(), attempt);
                }
                String excerpt = Secrets.excerpt(r.body(), config.apiKey());
                if (status == 429 || status == 408 || (status >= 500 && status <= 599)) {
                    reason = status == 429 ? "rate_limited" : status == 408 ? "timeout" : "server_error";
                    detail = "HTTP " + status + ": " + excerpt;
                    retryAfter = RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), Instant.now())
                            .orElse(null);
                    if (retryAfter != null && retryAfter.compareTo(config.maxRetryAfter()) > 0) {
                        throw new LlmCallException(reason, detail + " (Retry-After " + retryAfter.toSeconds()
                                + " s exceeds max-retry-after " + config.maxRetryAfter().toSeconds() + " s)",
                                attempt, 0, 0, false);
                    }
                } else {
                    String why = status == 401 || status == 403 || status == 404 ? "http_fatal" : "http_error";
                    throw new LlmCallException(why, "HTTP " + status + ": " + excerpt, attempt, 0, 0, false);
                }
            } catch (HttpTimeoutException e) {
                reason = "timeout";
                detail = "no response within " + config.timeout().toMillis() + " ms";
            } catch (IOException e) {
                reason = "io_error";
                detail = Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), config.apiKey());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmCallException("interrupted", "interrupted", attempt, 0, 0, false);
            }
            if (attempt >= config.maxRetries()) {
                throw new LlmCallException(reason, detail + " (after " + attempt + " retries)", attempt, 0, 0, false);
            }
            Duration wait = backoff(attempt, retryAfter);
            String message = "retry " + (attempt + 1) + " after " + reason + " in " + wait.toMillis() + " ms: " + detail;
            LOG.log(System.Logger.Level.DEBUG, message);
            attempt++;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmCallException("interrupted", "interrupted while backing off", attempt, 0, 0, false);
            }
        }
    }

    /** Exponential backoff with equal jitter, capped; never shorter than a Retry-After. */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt, 30);
        long capped = Math.min(Math.max(base, 0), config.maxBackoff().toMillis());
        long jittered = capped > 1 ? capped / 2 + ThreadLocalRandom.current().nextLong(capped - capped / 2 + 1) : capped;
        long ms = retryAfter == null ? jittered : Math.max(retryAfter.toMillis(), jittered);
        return Duration.ofMillis(ms);
    }

    private byte[] requestBody(String system, String user, double temperature, int topK, int maxTokens, long seed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        ArrayNode messages = root.putArray("messages");
        if (system != null && !system.isEmpty()) {
            messages.addObject().put("role", "system").put("content", system);
        }
        messages.addObject().put("role", "user").put("content", user);
        root.put("temperature", temperature);
        if (topK > 0) {
            root.put("top_k", topK);
        }
        root.put("max_tokens", maxTokens);
        root.put("seed", seed);
        root.put("stream", false);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    private Completion parse(String body, int retries) throws LlmCallException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LlmCallException("malformed_completion", "response is not JSON: "
                    + Secrets.excerpt(body, config.apiKey()), retries, 0, 0, false);
        }
        if (root == null || !root.isObject()) {
            throw new LlmCallException("malformed_completion", "response is not a JSON object: "
                    + Secrets.excerpt(body, config.apiKey()), retries, 0, 0, false);
        }
        JsonNode usage = root.path("usage");
        long pt = usage.path("prompt_tokens").canConvertToLong() ? usage.path("prompt_tokens").asLong(-1) : -1;
        long ct = usage.path("completion_tokens").canConvertToLong() ? usage.path("completion_tokens").asLong(-1) : -1;
        boolean reported = pt >= 0 && ct >= 0;
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new LlmCallException("malformed_completion", "response has no 'choices' array: "
                    + Secrets.excerpt(body, config.apiKey()), retries, Math.max(pt, 0), Math.max(ct, 0), reported);
        }
        if (choices.isEmpty()) {
            throw new LlmCallException("empty_completion", "response has no choice", retries, Math.max(pt, 0),
                    Math.max(ct, 0), reported);
        }
        JsonNode choice = choices.get(0);
        JsonNode content = choice.path("message").get("content");
        if (content == null || content.isNull()) {
            throw new LlmCallException(choice.path("message").isObject() ? "empty_completion" : "malformed_completion",
                    "choice 0 has no message content", retries, Math.max(pt, 0), Math.max(ct, 0), reported);
        }
        if (!content.isTextual()) {
            throw new LlmCallException("malformed_completion", "choice 0 message content is not a string", retries,
                    Math.max(pt, 0), Math.max(ct, 0), reported);
        }
        String text = content.asText().strip();
        if (text.isEmpty()) {
            throw new LlmCallException("empty_completion", "choice 0 message content is empty", retries,
                    Math.max(pt, 0), Math.max(ct, 0), reported);
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        return new Completion(text, reported ? pt : -1, reported ? ct : -1, finish, retries);
    }
}
