package dev.tailguard.llm;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.generate.llm.ChatClient;
import dev.tailguard.core.generate.llm.ChatMessage;
import dev.tailguard.core.generate.llm.CircuitBreaker;
import dev.tailguard.core.generate.llm.Completion;
import dev.tailguard.core.generate.llm.LlmCallException;
import dev.tailguard.core.generate.llm.LlmConfig;
import dev.tailguard.core.generate.llm.RetryAfter;
import dev.tailguard.core.generate.llm.Secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Minimal client of the OpenAI-compatible {@code POST {base-url}/chat/completions} (OpenAI, Azure OpenAI, vLLM,
 * Ollama, llama.cpp server, KServe), on the JDK's {@link HttpURLConnection} (no {@code java.net.http} in the core).
 * The completion limit goes in {@code max_completion_tokens} or {@code max_tokens} ({@link LlmConfig#maxTokensField});
 * the Azure form adds {@code ?api-version=} and sends the key as {@code api-key}. Retries 408, 429, 5xx, timeouts and
 * I/O errors up to {@code maxRetries} times with exponential backoff and jitter, waiting at least what the server
 * asks for ({@code retry-after-ms}, else {@code Retry-After}). A refused connection is retried only
 * {@code unreachableRetries} times, then opens the {@link CircuitBreaker}; so do 401/403/404 and too many
 * consecutive failures; an open breaker fails every further call at once ({@code circuit_open}). Errors, logs and
 * completion texts never contain the API key in any encoding ({@link Secrets}). The adapter behind core's
 * {@link ChatClient} port: pass {@code OpenAiClient::new} as the {@link dev.tailguard.core.generate.llm.ChatClientFactory}.
 */
public final class OpenAiClient implements ChatClient {

    private static final System.Logger LOG = System.getLogger(OpenAiClient.class.getName());
    private static final ObjectMapper JSON = Json.MAPPER;

    private final LlmConfig config;
    private final URL endpoint;
    private final CircuitBreaker breaker;

    /** A client with its own breaker. */
    public OpenAiClient(LlmConfig config) {
        this(config, new CircuitBreaker(config.failureThreshold()));
    }

    /** A client sharing a breaker (one per stage). */
    public OpenAiClient(LlmConfig config, CircuitBreaker breaker) {
        this.config = config;
        this.breaker = breaker;
        String query = config.apiVersion() == null ? ""
                : "?api-version=" + URLEncoder.encode(config.apiVersion(), StandardCharsets.UTF_8);
        try {
            this.endpoint = URI.create(config.baseUrl() + "/chat/completions" + query).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tailguard.generate.llm.base-url: not a URL", e);
        }
    }

    @Override
    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public Completion complete(List<ChatMessage> messages, double temperature, int topK, int maxTokens, long seed)
            throws LlmCallException {
        byte[] body = requestBody(messages, temperature, topK, maxTokens, seed);
        int attempt = 0;
        int refused = 0;
        Failure last = null;
        while (true) {
            if (breaker.isOpen()) {
                if (last != null) {
                    throw new LlmCallException(last.reason, last.detail + " (after " + attempt
                            + " retries; circuit open, no more retries)", attempt, 0, 0, false);
                }
                throw new LlmCallException("circuit_open", "not sent: circuit open after " + breaker.cause(),
                        attempt, 0, 0, false);
            }
            Failure f;
            try {
                f = attempt(body, attempt);
            } catch (LlmCallException e) {
                breaker.failure(e.reason(), e.getMessage());
                throw e;
            }
            if (f.completion != null) {
                breaker.success();
                return f.completion;
            }
            breaker.failure(f.reason, f.detail);
            last = f;
            if (f.reason.equals("unreachable") && ++refused > config.unreachableRetries()) {
                breaker.open("endpoint unreachable: " + f.detail);
                throw new LlmCallException(f.reason, f.detail + " (after " + attempt + " retries)", attempt, 0, 0, false);
            }
            if (attempt >= config.maxRetries()) {
                throw new LlmCallException(f.reason, f.detail + " (after " + attempt + " retries)", attempt, 0, 0, false);
            }
            Duration wait = backoff(attempt, f.retryAfter);
            LOG.log(System.Logger.Level.DEBUG, "retry " + (attempt + 1) + " after " + f.reason + " in "
                    + wait.toMillis() + " ms: " + f.detail);
            attempt++;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmCallException("interrupted", "interrupted while backing off", attempt, 0, 0, false);
            }
        }
    }

    /** The result of one attempt: a completion, or a retryable failure. */
    private record Failure(Completion completion, String reason, String detail, Duration retryAfter) {
    }

    private Failure attempt(byte[] body, int attempt) throws LlmCallException {
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) endpoint.openConnection();
            c.setConnectTimeout(millis(config.timeout()));
            c.setReadTimeout(millis(config.timeout()));
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setInstanceFollowRedirects(false);
            c.setRequestProperty("Content-Type", "application/json");
            c.setRequestProperty("Accept", "application/json");
            if (config.apiKey() != null && !config.apiKey().isBlank()) {
                if (config.auth() == LlmConfig.Auth.API_KEY) {
                    c.setRequestProperty("api-key", config.apiKey());
                } else {
                    c.setRequestProperty("Authorization", "Bearer " + config.apiKey());
                }
            }
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            }
            int status = c.getResponseCode();
            String text = readBody(c, status);
            if (status == 200) {
                return new Failure(parse(text, attempt), null, null, null);
            }
            String excerpt = Secrets.excerpt(text, config.apiKey());
            if (status == 429 || status == 408 || (status >= 500 && status <= 599)) {
                String reason = status == 429 ? "rate_limited" : status == 408 ? "timeout" : "server_error";
                String detail = "HTTP " + status + ": " + excerpt;
                Duration retryAfter = RetryAfter.fromHeaders(c.getHeaderField("retry-after-ms"),
                        c.getHeaderField("Retry-After"), Instant.now()).orElse(null);
                if (retryAfter != null && retryAfter.compareTo(config.maxRetryAfter()) > 0) {
                    throw new LlmCallException(reason, detail + " (server asks to wait " + retryAfter.toMillis()
                            + " ms, over max-retry-after " + config.maxRetryAfter().toMillis() + " ms)",
                            attempt, 0, 0, false);
                }
                return new Failure(null, reason, detail, retryAfter);
            }
            boolean fatal = status == 401 || status == 403 || status == 404;
            String detail = "HTTP " + status + ": " + excerpt;
            if (fatal) {
                breaker.open(detail);
            }
            throw new LlmCallException(fatal ? "http_fatal" : "http_error", detail, attempt, 0, 0, false);
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            return new Failure(null, "unreachable", Secrets.redact(e.getClass().getSimpleName() + ": "
                    + e.getMessage() + " (" + LlmConfig.safeUrl(config.baseUrl()) + ")", config.apiKey()), null);
        } catch (SocketTimeoutException e) {
            return new Failure(null, "timeout", "no response within " + config.timeout().toMillis() + " ms", null);
        } catch (IOException e) {
            return new Failure(null, "io_error", Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(),
                    config.apiKey()), null);
        } finally {
            if (c != null && Thread.currentThread().isInterrupted()) {
                c.disconnect();
            }
        }
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static String readBody(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Exponential backoff with equal jitter, capped; never shorter than what the server asked for. */
    Duration backoff(int attempt, Duration retryAfter) {
        long base = config.initialBackoff().toMillis() << Math.min(attempt, 30);
        long capped = Math.min(Math.max(base, 0), config.maxBackoff().toMillis());
        long jittered = capped > 1 ? capped / 2 + ThreadLocalRandom.current().nextLong(capped - capped / 2 + 1) : capped;
        long ms = retryAfter == null ? jittered : Math.max(retryAfter.toMillis(), jittered);
        return Duration.ofMillis(ms);
    }

    private byte[] requestBody(List<ChatMessage> messages, double temperature, int topK, int maxTokens, long seed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", config.model());
        ArrayNode arr = root.putArray("messages");
        for (ChatMessage m : messages) {
            arr.addObject().put("role", m.role()).put("content", m.content());
        }
        root.put("temperature", temperature);
        if (topK > 0) {
            root.put("top_k", topK);
        }
        root.put(config.maxTokensField().wire(), maxTokens);
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
        long p0 = Math.max(pt, 0);
        long c0 = Math.max(ct, 0);
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray()) {
            throw new LlmCallException("malformed_completion", "response has no 'choices' array: "
                    + Secrets.excerpt(body, config.apiKey()), retries, p0, c0, reported);
        }
        if (choices.isEmpty()) {
            throw new LlmCallException("empty_completion", "response has no choice", retries, p0, c0, reported);
        }
        JsonNode choice = choices.get(0);
        JsonNode content = choice.path("message").get("content");
        if (content == null || content.isNull()) {
            throw new LlmCallException(choice.path("message").isObject() ? "empty_completion" : "malformed_completion",
                    "choice 0 has no message content", retries, p0, c0, reported);
        }
        if (!content.isTextual()) {
            throw new LlmCallException("malformed_completion", "choice 0 message content is not a string", retries,
                    p0, c0, reported);
        }
        String raw = content.asText();
        String text = Secrets.redact(raw, config.apiKey()).strip();
        if (text.isEmpty()) {
            throw new LlmCallException("empty_completion", "choice 0 message content is empty", retries, p0, c0,
                    reported);
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        return new Completion(text, reported ? pt : -1, reported ? ct : -1, finish, retries,
                Secrets.contains(raw, config.apiKey()));
    }
}
