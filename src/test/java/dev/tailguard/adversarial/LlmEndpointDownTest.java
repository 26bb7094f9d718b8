package dev.tailguard.adversarial;

import com.sun.net.httpserver.HttpServer;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.GenerationFailedException;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.llm.LlmConfig;
import dev.tailguard.core.generate.llm.LlmGenerator;
import dev.tailguard.core.pipeline.GenerationStopped;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.function.StageFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13 item 4: an LLM endpoint on loopback that hangs or answers malformed JSON stops generation with the
 * <em>default</em> settings within a minute (on 1c00773 the 60 s default timeout made a hang take about two
 * minutes), and the stop is a permanent stage failure (answered 422 by the HTTP adapter, never a retried 5xx).
 */
class LlmEndpointDownTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private String serve(long delayMs, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hanging-llm");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            } catch (IOException ignored) {
                // the client gave up
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static List<Document> seeds(int n) {
        List<Document> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Document("s" + i, "Seed sentence number " + i + " about the union.", "sotu", Map.of()));
        }
        return s;
    }

    private static GenerationFailedException stopped(LlmGenerator g, int seeds) {
        List<Document> accepted = new ArrayList<>();
        try {
            g.generate(seeds(seeds), new GenerationSink() {
                @Override
                public void accept(Document d) {
                    accepted.add(d);
                }

                @Override
                public void reject(String seedId, String reason, String detail) {
                }
            });
        } catch (GenerationFailedException e) {
            assertThat(accepted).isEmpty();
            return e;
        }
        throw new AssertionError("generation did not stop");
    }

    @Test
    void aHangingEndpointStopsWithinAMinuteWithDefaults() throws Exception {
        String url = serve(90_000, "{}");
        LlmConfig defaults = LlmConfig.builder(url, "m").build();
        assertThat(defaults.timeout()).isEqualTo(LlmConfig.DEFAULT_TIMEOUT);
        long t0 = System.nanoTime();
        GenerationFailedException e = stopped(new LlmGenerator(defaults, dev.tailguard.llm.OpenAiClient::new, "r-hang", null), 20);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(e.reason()).isEqualTo(GenerationFailedException.Reason.CIRCUIT_OPEN);
        assertThat(e.counts()).containsKey("timeout");
        assertThat(took).as("stopped by the breaker, took %s", took).isLessThan(Duration.ofSeconds(60));
        assertThat(requests.get()).as("bounded number of requests").isLessThanOrEqualTo(8);
    }

    @Test
    void malformedJsonStopsQuicklyWithDefaultsAndCountsTheCause() throws Exception {
        String url = serve(0, "{\"choices\": [");
        LlmConfig defaults = LlmConfig.builder(url, "m").build();
        long t0 = System.nanoTime();
        GenerationFailedException e = stopped(new LlmGenerator(defaults, dev.tailguard.llm.OpenAiClient::new, "r-malformed", null), 20);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(e.reason()).isEqualTo(GenerationFailedException.Reason.CIRCUIT_OPEN);
        assertThat(e.counts()).containsKey("malformed_completion");
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aStoppedGeneratorIsAPermanentStageFailure() {
        GenerationStopped stop = new GenerationStopped(new GenerationFailedException(
                GenerationFailedException.Reason.CIRCUIT_OPEN, "generation stopped: circuit open", Map.of("timeout", 5L)));
        assertThat(stop).isInstanceOf(PipelineFailure.class);
        assertThat(stop.stage()).isEqualTo("generate");
        assertThat(stop.counts()).containsEntry("timeout", 5L);
        StageFailedException f = new StageFailedException(stop.stage(), stop.getMessage(), stop);
        assertThat(f.permanent()).as("answered with a non-retryable 422").isTrue();
        assertThatThrownBy(() -> {
            throw stop;
        }).hasMessageContaining("circuit open").hasMessageContaining("timeout=5");
    }
}
