package dev.tailguard.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.function.Dispatcher;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.StageFailedException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13 item 4 end to end: an LLM endpoint that is down (connection refused on loopback port 1) used to end as a
 * {@code succeeded} run with 0 synthetic documents after minutes of retries. Now the circuit breaker stops the stage
 * and the run fails with its report saying so, well within a minute with the default breaker settings.
 */
@QuarkusTest
@TestProfile(SilentFailureTest.DownLlm.class)
class SilentFailureTest {

    /** The llm generator pointed at a closed loopback port. */
    public static class DownLlm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tailguard.generate.generator", "llm",
                    "tailguard.generate.llm.base-url", "http://127.0.0.1:1/v1",
                    "tailguard.generate.llm.model", "down-model",
                    "tailguard.generate.llm.api-key", "test-key");
        }
    }

    @Inject
    Dispatcher dispatcher;
    @Inject
    ObjectStore store;

    @Test
    void aDownEndpointFailsTheRunWithinAMinuteAndTheReportSaysFailed() throws Exception {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/adversarial-down-llm")), 12);
        String run = "down-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> dispatcher.run(Events.RUN_REQUESTED, new RunRequested(run, List.of(in.toString()), null),
                new PrintStream(progress, true, StandardCharsets.UTF_8)))
                .isInstanceOf(StageFailedException.class)
                .satisfies(e -> assertThat(((StageFailedException) e).stage()).isEqualTo("generate"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).as("bounded by the circuit breaker").isLessThan(60);
        try (InputStream r = store.open(new RunLayout(run).reportJson())) {
            JsonNode report = Json.MAPPER.readTree(r);
            assertThat(report.path("status").asText()).isEqualTo("failed");
            assertThat(report.path("failed_stage").asText()).isEqualTo("generate");
            assertThat(report.path("reason").asText()).containsAnyOf("circuit open", "fewer than");
        }
        assertThat(store.exists(new RunLayout(run).manifest("synthetic"))).as("no generate manifest").isFalse();
    }
}
