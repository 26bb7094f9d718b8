package dev.tailguard.llm;

import dev.tailguard.core.generate.llm.LlmConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiClientTest {

    @Test
    void backoffGrowsIsCappedJitteredAndNeverBelowRetryAfter() {
        OpenAiClient c = new OpenAiClient(LlmConfig.builder("http://127.0.0.1:9/v1", "m")
                .backoff(Duration.ofMillis(100), Duration.ofMillis(1000)).build());
        for (int i = 0; i < 50; i++) {
            assertThat(c.backoff(0, null).toMillis()).isBetween(50L, 100L);
            assertThat(c.backoff(2, null).toMillis()).isBetween(200L, 400L);
            assertThat(c.backoff(10, null).toMillis()).isBetween(500L, 1000L);
            assertThat(c.backoff(0, Duration.ofSeconds(3)).toMillis()).isEqualTo(3000L);
        }
    }
}
