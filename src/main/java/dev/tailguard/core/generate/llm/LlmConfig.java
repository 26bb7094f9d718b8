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
 * @param timeout              per-request timeout (a timed-out request is retried)
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
 */
public record LlmConfig(String baseUrl, String model, String apiKey, int maxConcurrency, Duration timeout,
                        double temperature, int topK, int maxTokens, Map<String, Double> styleMix, int chunkTokens,
                        double pricePer1kPrompt, double pricePer1kCompletion, Long budgetTokens, Double budgetCost,
                        int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                        long seed, Path promptDir) {

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
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("tailguard.generate.llm: " + message);
        }
    }

    /** A builder with the defaults: concurrency 4, timeout 60 s, temperature 0.7, max-tokens 512, 300-token chunks, 5 retries. */
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

    static String safeUrl(String url) {
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
        private Duration timeout = Duration.ofSeconds(60);
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

        public LlmConfig build() {
            return new LlmConfig(baseUrl, model, apiKey, maxConcurrency, timeout, temperature, topK, maxTokens,
                    styleMix, chunkTokens, pricePer1kPrompt, pricePer1kCompletion, budgetTokens, budgetCost,
                    maxRetries, initialBackoff, maxBackoff, maxRetryAfter, seed, promptDir);
        }
    }
}
