package dev.tailguard.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.TestCorpus;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.Dispatcher;
import dev.tailguard.function.StageFailedException;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14 item 5: the Prometheus counters for LLM tokens, retries, gate decisions and quarantined records move for a
 * run that a gate stopped (the report's own stop gate, after everything was generated and scored) and for a run the
 * LLM circuit breaker stopped in generate (no generate manifest is ever written), read on {@code /q/metrics}. The
 * LLM is a real OpenAI-format HTTP server on 127.0.0.1 that echoes the prompt's chunk with a usage block
 * (100 prompt + 20 completion tokens per call), or answers 500 once switched to failing.
 */
@QuarkusTest
@TestProfile(StoppedRunMetricsTest.StoppingGate.class)
class StoppedRunMetricsTest {

    static final AtomicBoolean FAILING = new AtomicBoolean();

    /** The llm generator against the loopback echo server; a report stop gate every run with synthetic text fails. */
    public static class StoppingGate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tailguard.generate.generator", "llm",
                    "tailguard.generate.llm.model", "tiny",
                    "tailguard.generate.llm.api-key", "test-key",
                    "tailguard.generate.llm.max-tokens", "64",
                    "tailguard.gates.report.distinct-2-ratio.max", "0.0",
                    "tailguard.gates.report.distinct-2-ratio.on-fail", "stop");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(EchoLlm.class));
        }
    }

    /** A real HTTP server speaking the chat-completions wire format on 127.0.0.1. */
    public static class EchoLlm implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v1/chat/completions", EchoLlm::reply);
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
            return Map.of("tailguard.generate.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        }

        @SuppressWarnings("unchecked")
        static void reply(HttpExchange ex) throws IOException {
            try (ex) {
                Map<String, Object> body = Json.MAPPER.readValue(ex.getRequestBody(), Map.class);
                List<Map<String, Object>> msgs = (List<Map<String, Object>>) body.get("messages");
                String user = String.valueOf(msgs.get(msgs.size() - 1).get("content"));
                int status = FAILING.get() ? 500 : 200;
                String reply = FAILING.get() ? "{\"error\":{\"message\":\"overloaded\"}}"
                        : "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"tiny\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":"
                        + Json.write("In other words: " + user.substring(user.lastIndexOf("\n\n") + 2)) + "},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                        + "\"total_tokens\":120}}";
                byte[] out = reply.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    @Inject
    Dispatcher dispatcher;
    @Inject
    ObjectStore store;

    @Test
    void countersMoveForARunTheReportGateStoppedAndForARunTheBreakerStopped() throws Exception {
        Path in = TestCorpus.write(Files.createDirectories(Path.of("target/test-input-stopped-metrics")), 10);

        String stopped = "metrics-report-stop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String broken = "metrics-breaker-stop-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Double> before = scrape();
        FAILING.set(false);
        assertThatThrownBy(() -> run(stopped, in)).isInstanceOf(StageFailedException.class)
                .satisfies(e -> assertThat(((StageFailedException) e).stage()).isEqualTo("report"))
                .hasMessageContaining("distinct_2_ratio.max");
        try (InputStream r = store.open(new RunLayout(stopped).reportJson())) {
            Map<?, ?> report = Json.MAPPER.readValue(r, Map.class);
            assertThat(report.get("status")).isEqualTo("failed");
            Map<?, ?> total = (Map<?, ?>) ((Map<?, ?>) report.get("usage")).get("total");
            Map<String, Double> after = scrape();
            assertThat(delta(before, after, "tailguard_llm_tokens_total{type=\"prompt\"}"))
                    .as("prompt tokens the stopped run's report states").isEqualTo(((Number) total.get("prompt_tokens")).doubleValue())
                    .isPositive();
            assertThat(delta(before, after, "tailguard_llm_tokens_total{type=\"completion\"}"))
                    .isEqualTo(((Number) total.get("completion_tokens")).doubleValue()).isPositive();
            assertThat(delta(before, after, "tailguard_llm_requests_total"))
                    .isEqualTo(((Number) total.get("requests")).doubleValue()).isPositive();
            assertThat(delta(before, after, "tailguard_gate_decisions_total{decision=\"failed\",gate=\"distinct_2_ratio.max\","
                    + "on_fail=\"stop\",stage=\"report\"}")).as("the stop decision").isEqualTo(1.0);
            assertThat(after.keySet()).as("the earlier stages' gate decisions")
                    .anySatisfy(k -> assertThat(k).startsWith("tailguard_gate_decisions_total{").contains("stage=\"score\""));
            Map<?, ?> reasons = (Map<?, ?>) report.get("quarantine_reasons");
            assertThat(reasons).as("the input has malformed lines").isNotEmpty();
            reasons.forEach((k, v) -> {
                String[] sr = String.valueOf(k).split("/", 2);
                assertThat(delta(before, after, "tailguard_quarantined_records_total{reason=\"" + sr[1] + "\",stage=\""
                        + sr[0] + "\"}")).as("quarantined %s", k).isEqualTo(((Number) v).doubleValue());
            });
        }

        Map<String, Double> beforeBreaker = scrape();
        FAILING.set(true);
        assertThatThrownBy(() -> run(broken, in)).isInstanceOf(StageFailedException.class)
                .satisfies(e -> assertThat(((StageFailedException) e).stage()).isEqualTo("generate"));
        assertThat(store.exists(new RunLayout(broken).manifest("synthetic"))).as("no generate manifest")
                .isFalse();
        Map<String, Double> afterBreaker = scrape();
        assertThat(delta(beforeBreaker, afterBreaker, "tailguard_llm_requests_total")).isPositive();
        assertThat(delta(beforeBreaker, afterBreaker, "tailguard_llm_failures_total")).isPositive();
        assertThat(delta(beforeBreaker, afterBreaker, "tailguard_llm_retries_total")).as("500s are retried").isPositive();
    }

    private void run(String id, Path in) {
        dispatcher.run(Events.RUN_REQUESTED, new RunRequested(id, List.of(in.toString()), null),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** Every sample line of {@code /q/metrics}: series (name and labels) → value (an exemplar after {@code #} dropped). */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("tailguard_")) {
                String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line; // exemplar
                int sp = sample.lastIndexOf(' ');
                out.put(sample.substring(0, sp), Double.parseDouble(sample.substring(sp + 1)));
            }
        }
        return out;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series %s on /q/metrics", series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }
}
