package dev.tailguard.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Human review gate settings under {@code tailguard.review.*}. */
@ConfigMapping(prefix = "tailguard.review")
public interface ReviewConfig {

    /** When true, the blend stage does not consume a scored synthetic batch until a reviewer approves it. */
    @WithDefault("false")
    boolean required();

    /** Documents sampled per batch for the reviewer. */
    @WithDefault("20")
    int sampleSize();

    /** Shortest run of tokens shared with the seed that the page highlights as memorised (display only). */
    @WithDefault("8")
    int minSpanTokens();

    /**
     * How an approval resumes the run: {@code dispatcher} re-dispatches {@code dev.tailguard.synthetic.scored}
     * in-process (embedded/single-pod server), {@code http} posts it as a CloudEvent to {@link #sink()},
     * {@code none} only records the decision.
     */
    @WithDefault("dispatcher")
    String resume();

    /** CloudEvent sink of {@code resume=http} (a Knative broker URL; {@code ${K_SINK}} when bound by a SinkBinding). */
    Optional<String> sink();

    /**
     * Secret that signs session cookies and CSRF tokens (HMAC-SHA256). Set the same value on every replica; when absent a random
     * per-process secret is used (tokens then stop working after a restart: reload the page).
     */
    Optional<String> secret();

    /** How long a reviewer stays signed in after login. */
    @WithDefault("PT1H")
    java.time.Duration sessionTimeout();
}
