package dev.tailguard.core.generate.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the OpenAI-compatible generator ({@code tailguard.generate.llm.*}). {@link #toString()} never shows
 * the API key.
 *
 * @param baseUrl              server base URL up to {@code /v1} (requests go to {@code {baseUrl}/chat/completions})
 * @param model                model name sent to the server and recorded as {@code model}
 * @param apiKey               bearer token; null or blank sends no Authorization header
 * @param maxConcurrency       requests in flight at most
 * @param timeout              per-request timeout (a timed-out request is retried; default {@link #DEFAULT_TIMEOUT})
 * @param temperature          sampling temperature
 * @param topK                 top-k sent as {@code top_k} (vLLM, llama.cpp) when > 0; 0 = not sent
 * @param maxTokens            {@code max_tokens} per completion
 * @param styleMix             prompt id to weight, e.g. {@code wrap-medium=1, wrap-qa=1}
 * @param chunkTokens          target chunk length in {@link dev.tailguard.core.text.Tokenizer#words} tokens (WRAP: ~300)
 * @param pricePer1kPrompt     price per 1000 prompt tokens (for the cost estimate)
 * @param pricePer1kCompletion price per 1000 completion tokens
 * @param budgetTokens         per-run token budget (prompt + completion), null = none
 * @param budgetCost           per-run cost budget, null = none
 * @param maxRetries           retries after the first attempt on 429, 408, 5xx, timeouts and I/O errors
 * @param initialBackoff       first backoff; doubles per retry, with jitter
 * @param maxBackoff           backoff cap
 * @param maxRetryAfter        a {@code Retry-After} longer than this fails the call instead of waiting
 * @param seed                 seed of the per-chunk style choice and of the {@code seed} request field
 * @param promptDir            extra prompt templates ({@code *.prompt}); null = built-in ones only
 * @param maxTokensField       request field carrying {@code maxTokens} ({@code max-tokens-field}): OpenAI's current
 *                             {@code max_completion_tokens} (default) or the deprecated {@code max_tokens} some
 *                             servers still want
 * @param apiVersion           Azure OpenAI's {@code api-version} query parameter ({@code api-version}); null = none
 * @param auth                 how the key is sent ({@code auth}): {@code bearer} ({@code Authorization: Bearer},
 *                             default) or {@code api-key} (Azure's {@code api-key} header; default when
 *                             {@code api-version} is set)
 * @param failureThreshold     consecutive failed attempts (across all requests in flight) that open the circuit
 *                             breaker and stop generation ({@code circuit-breaker.failures}, default 5)
 * @param unreachableRetries   retries of a refused connection before the endpoint counts as unreachable, which
 *                             opens the breaker at once ({@code circuit-breaker.unreachable-retries}, default 2)
 * @param onTruncated          a completion cut at {@code finish_reason=length} ({@code on-truncated}):
 *                             {@code continue} once, then reject as {@code truncated} (default), or {@code quarantine}
 *                             at once; never kept as a whole document
 */
public record LlmConfig(String baseUrl, String model, String apiKey, int maxConcurrency, Duration timeout,
                        double temperature, int topK, int maxTokens, Map<String, Double> styleMix, int chunkTokens,
                        double pricePer1kPrompt, double pricePer1kCompletion, Long budgetTokens, Double budgetCost,
                        int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                        long seed, Path promptDir, MaxTokensField maxTokensField, String apiVersion, Auth auth,
                        int failureThreshold, int unreachableRetries, OnTruncated onTruncated) {

    /** The request field that limits completion length. */
    public enum MaxTokensField {
        MAX_COMPLETION_TOKENS("max_completion_tokens"), MAX_TOKENS("max_tokens");

        private final String wire;

        MaxTokensField(String wire) {
            this.wire = wire;
        }

        /** The JSON field name. */
        public String wire() {
            return wire;
        }

        /** Parses {@code max_completion_tokens} or {@code max_tokens} (dashes accepted). */
        public static MaxTokensField parse(String v) {
            String s = v.strip().replace('-', '_');
            for (MaxTokensField f : values()) {
                if (f.wire.equals(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("tailguard.generate.llm.max-tokens-field must be max_completion_tokens"
                    + " or max_tokens; got '" + v + "'");
        }
    }

    /** How the API key is sent. */
    public enum Auth {
        BEARER, API_KEY;

        /** Parses {@code bearer} or {@code api-key}. */
        public static Auth parse(String v) {
            return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "bearer" -> BEARER;
                case "api-key", "api_key" -> API_KEY;
                default -> throw new IllegalArgumentException("tailguard.generate.llm.auth must be bearer or api-key;"
                        + " got '" + v + "'");
            };
        }
    }

    /** What happens to a completion cut by the token limit. */
    public enum OnTruncated {
        CONTINUE, QUARANTINE;

        /** Parses {@code continue} or {@code quarantine}. */
        public static OnTruncated parse(String v) {
            return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "continue" -> CONTINUE;
                case "quarantine" -> QUARANTINE;
                default -> throw new IllegalArgumentException("tailguard.generate.llm.on-truncated must be continue or"
                        + " quarantine; got '" + v + "'");
            };
        }
    }

    /** The four WRAP styles of collapse-anchors §4 in equal parts (a single style hurts unmatched domains). */
    public static final Map<String, Double> DEFAULT_STYLE_MIX = Map.of("wrap-easy", 1.0, "wrap-medium", 1.0,
            "wrap-hard", 1.0, "wrap-qa", 1.0);

    public LlmConfig {
        Objects.requireNonNull(baseUrl, "tailguard.generate.llm.base-url is required");
        Objects.requireNonNull(model, "tailguard.generate.llm.model is required");
        URI u = URI.create(baseUrl);
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new IllegalArgumentException("tailguard.generate.llm.base-url must be an http(s) URL");
        }
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        require(maxConcurrency >= 1, "max-concurrency must be >= 1");
        require(maxTokens >= 1, "max-tokens must be >= 1");
        require(chunkTokens >= 1, "chunk-tokens must be >= 1");
        require(maxRetries >= 0, "max-retries must be >= 0");
        require(temperature >= 0, "temperature must be >= 0");
        require(topK >= 0, "top-k must be >= 0");
        require(pricePer1kPrompt >= 0 && pricePer1kCompletion >= 0, "prices must be >= 0");
        require(budgetTokens == null || budgetTokens > 0, "budget-tokens must be > 0");
        require(budgetCost == null || budgetCost > 0, "budget-cost must be > 0");
        styleMix = Map.copyOf(styleMix == null || styleMix.isEmpty() ? DEFAULT_STYLE_MIX : styleMix);
        styleMix.forEach((k, v) -> require(v != null && v >= 0, "style-mix weight of " + k + " must be >= 0"));
        require(styleMix.values().stream().mapToDouble(Double::doubleValue).sum() > 0, "style-mix weights sum to 0");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        maxTokensField = maxTokensField == null ? MaxTokensField.MAX_COMPLETION_TOKENS : maxTokensField;
        apiVersion = apiVersion == null || apiVersion.isBlank() ? null : apiVersion.strip();
        auth = auth != null ? auth : apiVersion != null ? Auth.API_KEY : Auth.BEARER;
        onTruncated = onTruncated == null ? OnTruncated.CONTINUE : onTruncated;
        require(failureThreshold >= 1, "circuit-breaker.failures must be >= 1");
        require(unreachableRetries >= 0, "circuit-breaker.unreachable-retries must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("tailguard.generate.llm: " + message);
        }
    }

    /**
     * Default per-request timeout: 20 s. With the default concurrency (4) and breaker threshold (5), an endpoint that
     * accepts connections and never answers opens the circuit breaker at the second wave of timeouts, about 40 s,
     * so a hanging endpoint stops the stage within a minute (issue 13). A slow server whose completions need longer
     * raises {@code tailguard.generate.llm.timeout}.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** A builder with the defaults: concurrency 4, timeout 20 s ({@link #DEFAULT_TIMEOUT}), temperature 0.7, max-tokens 512, 300-token chunks, 5 retries. */
    public static Builder builder(String baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    public Builder toBuilder() {
        Builder b = new Builder(baseUrl, model);
        b.apiKey = apiKey;
        b.maxConcurrency = maxConcurrency;
        b.timeout = timeout;
        b.temperature = temperature;
        b.topK = topK;
        b.maxTokens = maxTokens;
        b.styleMix = styleMix;
        b.chunkTokens = chunkTokens;
        b.pricePer1kPrompt = pricePer1kPrompt;
        b.pricePer1kCompletion = pricePer1kCompletion;
        b.budgetTokens = budgetTokens;
        b.budgetCost = budgetCost;
        b.maxRetries = maxRetries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.maxRetryAfter = maxRetryAfter;
        b.seed = seed;
        b.promptDir = promptDir;
        b.maxTokensField = maxTokensField;
        b.apiVersion = apiVersion;
        b.auth = auth;
        b.failureThreshold = failureThreshold;
        b.unreachableRetries = unreachableRetries;
        b.onTruncated = onTruncated;
        return b;
    }

    /** The settings that shape the output, for provenance and the report (no API key, no URL credentials). */
    public Map<String, Object> describe() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("base_url", safeUrl(baseUrl));
        p.put("model", model);
        p.put("temperature", temperature);
        if (topK > 0) {
            p.put("top_k", topK);
        }
        p.put("max_tokens", maxTokens);
        p.put("max_tokens_field", maxTokensField.wire());
        if (apiVersion != null) {
            p.put("api_version", apiVersion);
        }
        p.put("auth", auth.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        p.put("on_truncated", onTruncated.name().toLowerCase(java.util.Locale.ROOT));
        p.put("circuit_breaker_failures", failureThreshold);
        p.put("circuit_breaker_unreachable_retries", unreachableRetries);
        p.put("style_mix", new java.util.TreeMap<>(styleMix));
        p.put("chunk_tokens", chunkTokens);
        p.put("seed", seed);
        p.put("max_concurrency", maxConcurrency);
        p.put("timeout_ms", timeout.toMillis());
        p.put("max_retries", maxRetries);
        p.put("price_per_1k_prompt", pricePer1kPrompt);
        p.put("price_per_1k_completion", pricePer1kCompletion);
        p.put("budget_tokens", budgetTokens);
        p.put("budget_cost", budgetCost);
        p.put("api_key_set", apiKey != null && !apiKey.isBlank());
        return p;
    }

    /** The URL without user info, query or fragment (safe to log or report). */
    public static String safeUrl(String url) {
        URI u = URI.create(url);
        String port = u.getPort() >= 0 ? ":" + u.getPort() : "";
        return u.getScheme() + "://" + u.getHost() + port + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public String toString() {
        return "LlmConfig" + describe();
    }

    /** Mutable builder for {@link LlmConfig}. */
    public static final class Builder {
        private final String baseUrl;
        private final String model;
        private String apiKey;
        private int maxConcurrency = 4;
        private Duration timeout = DEFAULT_TIMEOUT;
        private double temperature = 0.7;
        private int topK;
        private int maxTokens = 512;
        private Map<String, Double> styleMix = DEFAULT_STYLE_MIX;
        private int chunkTokens = 300;
        private double pricePer1kPrompt;
        private double pricePer1kCompletion;
        private Long budgetTokens;
        private Double budgetCost;
        private int maxRetries = 5;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(120);
        private long seed = 42L;
        private Path promptDir;
        private MaxTokensField maxTokensField;
        private String apiVersion;
        private Auth auth;
        private int failureThreshold = 5;
        private int unreachableRetries = 2;
        private OnTruncated onTruncated;

        private Builder(String baseUrl, String model) {
            this.baseUrl = baseUrl;
            this.model = model;
        }

        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder maxConcurrency(int v) { maxConcurrency = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder styleMix(Map<String, Double> v) { styleMix = v; return this; }
        public Builder chunkTokens(int v) { chunkTokens = v; return this; }
        public Builder prices(double per1kPrompt, double per1kCompletion) {
            pricePer1kPrompt = per1kPrompt;
            pricePer1kCompletion = per1kCompletion;
            return this;
        }
        public Builder budgetTokens(Long v) { budgetTokens = v; return this; }
        public Builder budgetCost(Double v) { budgetCost = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder backoff(Duration initial, Duration max) { initialBackoff = initial; maxBackoff = max; return this; }
        public Builder maxRetryAfter(Duration v) { maxRetryAfter = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder promptDir(Path v) { promptDir = v; return this; }
        public Builder maxTokensField(MaxTokensField v) { maxTokensField = v; return this; }
        public Builder apiVersion(String v) { apiVersion = v; return this; }
        public Builder auth(Auth v) { auth = v; return this; }
        public Builder failureThreshold(int v) { failureThreshold = v; return this; }
        public Builder unreachableRetries(int v) { unreachableRetries = v; return this; }
        public Builder onTruncated(OnTruncated v) { onTruncated = v; return this; }

        public LlmConfig build() {
            return new LlmConfig(baseUrl, model, apiKey, maxConcurrency, timeout, temperature, topK, maxTokens,
                    styleMix, chunkTokens, pricePer1kPrompt, pricePer1kCompletion, budgetTokens, budgetCost,
                    maxRetries, initialBackoff, maxBackoff, maxRetryAfter, seed, promptDir, maxTokensField, apiVersion,
                    auth, failureThreshold, unreachableRetries, onTruncated);
        }
    }
}
