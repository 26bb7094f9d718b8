package dev.tailguard.core.generate;

import dev.tailguard.core.config.RunDefaults;
import dev.tailguard.core.generate.llm.LlmConfig;
import dev.tailguard.core.generate.rules.RulesConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which generator a run uses and its settings ({@code tailguard.generate.*}).
 *
 * @param generator {@code ngram}, {@code rules} or {@code llm}
 * @param runId     recorded as {@code run_id} (may be null)
 * @param parentRun recorded as {@code parent_run} (may be null)
 * @param seed      run seed ({@code tailguard.generate.seed})
 * @param rules     settings of {@code rules} (always present)
 * @param llm       settings of {@code llm}; null unless the generator is {@code llm}
 */
public record GeneratorSpec(String generator, String runId, String parentRun, long seed, RulesConfig rules,
                            LlmConfig llm) {

    /** Known generator names. */
    public static final Set<String> NAMES = Set.of("ngram", "rules", "llm");
    private static final String P = "tailguard.generate.";

    /** Every key {@link #fromConfig} reads (checked by the CLI's unknown-key rejection). */
    public static final List<String> KEYS = List.of(
            P + "generator",
            P + "llm.api-key",
            P + "llm.api-version",
            P + "llm.auth",
            P + "llm.base-url",
            P + "llm.budget-cost",
            P + "llm.budget-tokens",
            P + "llm.chunk-tokens",
            P + "llm.circuit-breaker.failures",
            P + "llm.circuit-breaker.unreachable-retries",
            P + "llm.initial-backoff",
            P + "llm.max-backoff",
            P + "llm.max-concurrency",
            P + "llm.max-retries",
            P + "llm.max-retry-after",
            P + "llm.max-tokens",
            P + "llm.max-tokens-field",
            P + "llm.model",
            P + "llm.on-truncated",
            P + "llm.price-per-1k-completion",
            P + "llm.price-per-1k-prompt",
            P + "llm.prompt-dir",
            P + "llm.style-mix",
            P + "llm.temperature",
            P + "llm.timeout",
            P + "llm.top-k",
            P + "rules.clause-rate",
            P + "rules.qa-fraction",
            P + "rules.sentence-rate",
            P + "rules.synonym-rate",
            P + "seed");

    public GeneratorSpec {
        if (!NAMES.contains(generator)) {
            throw new IllegalArgumentException(P + "generator must be one of ngram, rules, llm; got '" + generator + "'");
        }
        if (generator.equals("llm") && llm == null) {
            throw new IllegalArgumentException(P + "llm.* settings are required for the llm generator");
        }
    }

    /**
     * Reads the spec from configuration properties (e.g. MicroProfile Config, where {@code api-key} can come from
     * the environment variable {@code TAILGUARD_GENERATE_LLM_API_KEY} or a mounted Secret). Keys:
     * {@code generator} (default ngram), {@code seed} (42), {@code rules.synonym-rate}, {@code rules.clause-rate},
     * {@code rules.sentence-rate}, {@code rules.qa-fraction}, and {@code llm.base-url}, {@code llm.model},
     * {@code llm.api-key}, {@code llm.max-concurrency}, {@code llm.timeout}, {@code llm.temperature},
     * {@code llm.top-k}, {@code llm.max-tokens}, {@code llm.style-mix} ({@code id:weight,...}),
     * {@code llm.chunk-tokens}, {@code llm.price-per-1k-prompt}, {@code llm.price-per-1k-completion},
     * {@code llm.budget-tokens}, {@code llm.budget-cost}, {@code llm.max-retries}, {@code llm.initial-backoff},
     * {@code llm.max-backoff}, {@code llm.max-retry-after}, {@code llm.prompt-dir}, {@code llm.max-tokens-field}
     * ({@code max_completion_tokens} default, or {@code max_tokens}), {@code llm.api-version} (Azure OpenAI),
     * {@code llm.auth} ({@code bearer}, or {@code api-key}: the default with an api-version),
     * {@code llm.circuit-breaker.failures} (5), {@code llm.circuit-breaker.unreachable-retries} (2),
     * {@code llm.on-truncated} ({@code continue} default, or {@code quarantine}), all under
     * {@code tailguard.generate.}. Durations: {@code 30s}, {@code 500ms}, {@code 2m} or ISO-8601.
     * Errors name the offending key.
     */
    public static GeneratorSpec fromConfig(Function<String, Optional<String>> config, String runId, String parentRun) {
        Props p = new Props(config);
        String generator = p.str("generator").orElse(RunDefaults.GENERATOR).strip().toLowerCase(Locale.ROOT);
        long seed = p.lng("seed").orElse(Long.parseLong(RunDefaults.SEED));
        RulesConfig d = RulesConfig.defaults();
        RulesConfig rules = new RulesConfig(seed, p.dbl("rules.synonym-rate").orElse(d.synonymRate()),
                p.dbl("rules.clause-rate").orElse(d.clauseRate()), p.dbl("rules.sentence-rate").orElse(d.sentenceRate()),
                p.dbl("rules.qa-fraction").orElse(d.qaFraction()));
        LlmConfig llm = null;
        if (generator.equals("llm")) {
            String url = p.str("llm.base-url").orElseThrow(() -> new IllegalArgumentException(P + "llm.base-url is required"));
            String model = p.str("llm.model").orElseThrow(() -> new IllegalArgumentException(P + "llm.model is required"));
            LlmConfig.Builder b = LlmConfig.builder(url, model).seed(seed);
            p.str("llm.api-key").ifPresent(b::apiKey);
            p.lng("llm.max-concurrency").ifPresent(v -> b.maxConcurrency(Math.toIntExact(v)));
            p.dur("llm.timeout").ifPresent(b::timeout);
            p.dbl("llm.temperature").ifPresent(b::temperature);
            p.lng("llm.top-k").ifPresent(v -> b.topK(Math.toIntExact(v)));
            p.lng("llm.max-tokens").ifPresent(v -> b.maxTokens(Math.toIntExact(v)));
            p.str("llm.style-mix").ifPresent(v -> b.styleMix(styleMix(v)));
            p.lng("llm.chunk-tokens").ifPresent(v -> b.chunkTokens(Math.toIntExact(v)));
            b.prices(p.dbl("llm.price-per-1k-prompt").orElse(0.0), p.dbl("llm.price-per-1k-completion").orElse(0.0));
            p.lng("llm.budget-tokens").ifPresent(b::budgetTokens);
            p.dbl("llm.budget-cost").ifPresent(b::budgetCost);
            p.lng("llm.max-retries").ifPresent(v -> b.maxRetries(Math.toIntExact(v)));
            LlmConfig base = b.build();
            b.backoff(p.dur("llm.initial-backoff").orElse(base.initialBackoff()),
                    p.dur("llm.max-backoff").orElse(base.maxBackoff()));
            p.dur("llm.max-retry-after").ifPresent(b::maxRetryAfter);
            p.str("llm.prompt-dir").ifPresent(v -> b.promptDir(Path.of(v)));
            p.str("llm.max-tokens-field").ifPresent(v -> b.maxTokensField(LlmConfig.MaxTokensField.parse(v)));
            p.str("llm.api-version").ifPresent(b::apiVersion);
            p.str("llm.auth").ifPresent(v -> b.auth(LlmConfig.Auth.parse(v)));
            p.lng("llm.circuit-breaker.failures").ifPresent(v -> b.failureThreshold(Math.toIntExact(v)));
            p.lng("llm.circuit-breaker.unreachable-retries").ifPresent(v -> b.unreachableRetries(Math.toIntExact(v)));
            p.str("llm.on-truncated").ifPresent(v -> b.onTruncated(LlmConfig.OnTruncated.parse(v)));
            llm = b.build();
        }
        return new GeneratorSpec(generator, runId, parentRun, seed, rules, llm);
    }

    /** Parses {@code wrap-medium:2, wrap-qa:1} (or {@code =} instead of {@code :}). */
    static Map<String, Double> styleMix(String v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String part : v.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.strip().split("[:=]", 2);
            try {
                m.put(kv[0].strip(), kv.length == 1 ? 1.0 : Double.parseDouble(kv[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(P + "llm.style-mix: bad weight in '" + part.strip() + "'");
            }
        }
        return m;
    }

    private record Props(Function<String, Optional<String>> config) {
        Optional<String> str(String key) {
            return config.apply(P + key).filter(s -> !s.isBlank());
        }

        Optional<Double> dbl(String key) {
            return str(key).map(v -> parse(key, v, Double::parseDouble));
        }

        Optional<Long> lng(String key) {
            return str(key).map(v -> parse(key, v, s -> Long.parseLong(s.strip())));
        }

        Optional<Duration> dur(String key) {
            return str(key).map(v -> parse(key, v, Props::duration));
        }

        static Duration duration(String v) {
            String s = v.strip().toLowerCase(Locale.ROOT);
            if (s.startsWith("p")) {
                return Duration.parse(v.strip());
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            long n = Long.parseLong(s.replaceAll("[smh]$", "").strip());
            return s.endsWith("m") ? Duration.ofMinutes(n) : s.endsWith("h") ? Duration.ofHours(n) : Duration.ofSeconds(n);
        }

        static <T> T parse(String key, String v, Function<String, T> f) {
            try {
                return f.apply(v);
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException(P + key + ": cannot parse '" + v + "'");
            }
        }
    }
}
