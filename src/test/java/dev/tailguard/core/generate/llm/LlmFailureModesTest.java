package dev.tailguard.core.generate.llm;

import dev.tailguard.llm.OpenAiClient;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.GenerationFailedException;
import dev.tailguard.core.generate.GenerationTally;
import dev.tailguard.core.generate.GeneratorSpec;
import dev.tailguard.core.generate.MinimumDocuments;
import dev.tailguard.core.generate.llm.FakeOpenAiServer.Reply;
import dev.tailguard.core.generate.llm.LlmGeneratorTest.Collect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LLM endpoint misbehaving, against a real HTTP server on loopback: no failure ends as silent success. */
class LlmFailureModesTest {

    private static final String KEY = "sk-proj/AbC+9f8e7d6c5b4a=Zq";
    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmConfig.Builder config(String url) {
        return LlmConfig.builder(url, "test-model").apiKey(KEY).maxConcurrency(1).timeout(Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetries(3).maxTokens(64).seed(7)
                .styleMix(Map.of("wrap-medium", 1.0));
    }

    private static List<Document> seeds(int n) {
        List<Document> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Document("s" + i, "Seed sentence number " + i + ".", "sotu", Map.of()));
        }
        return s;
    }

    private static GenerationFailedException failure(LlmGenerator g, List<Document> seeds, Collect c) {
        try {
            g.generate(seeds, c);
        } catch (GenerationFailedException e) {
            return e;
        }
        throw new AssertionError("generation did not fail; accepted " + c.accepted.size() + ", rejected " + c.rejected);
    }

    @Test
    void unreachableEndpointStopsWithinAMinuteWithDefaults() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LlmConfig defaults = LlmConfig.builder("http://127.0.0.1:" + port + "/v1", "m").build();
        LlmGenerator g = new LlmGenerator(defaults, OpenAiClient::new, "r1", null);
        Collect c = new Collect();
        long t0 = System.nanoTime();
        GenerationFailedException e = failure(g, seeds(20), c);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofMinutes(1));
        assertThat(e.reason()).isEqualTo(GenerationFailedException.Reason.CIRCUIT_OPEN);
        assertThat(e.getMessage()).contains("unreachable");
        assertThat(e.counts()).containsKey("unreachable").doesNotContainKey("accepted");
        assertThat(e.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
        assertThat(c.accepted).isEmpty();
        assertThat(g.usage().circuitOpen()).contains("unreachable");
        assertThat(g.usage().toMap()).containsKey("circuit_open");
    }

    @Test
    void hangingEndpointTimesOutAndOpensTheBreaker() {
        server.fallback = r -> Reply.ok("late", 1, 1).delayed(5_000);
        LlmGenerator g = new LlmGenerator(config(server.baseUrl()).timeout(Duration.ofMillis(300)).maxRetries(1)
                .failureThreshold(3).build(), OpenAiClient::new, null, null);
        Collect c = new Collect();
        GenerationFailedException e = failure(g, seeds(10), c);
        assertThat(e.counts()).containsKey("timeout").containsKey("not_sent");
        assertThat(e.getMessage()).contains("3 consecutive failed requests, last timeout");
        assertThat(server.received).hasSizeLessThanOrEqualTo(4);
        assertThat(c.accepted).isEmpty();
    }

    @Test
    void malformedJsonEveryTimeFailsTheStageWithCausesCounted() {
        server.fallback = r -> Reply.status(200, "{\"choices\": [", Map.of());
        LlmGenerator g = new LlmGenerator(config(server.baseUrl()).build(), OpenAiClient::new, null, null);
        GenerationTally tally = new GenerationTally();
        Collect c = new Collect();
        tally.batch();
        GenerationFailedException e = failure(g, seeds(12), c);
        assertThat(e.counts()).containsEntry("malformed_completion", 5L);
        assertThat(server.received).hasSize(5);

        // the floor a stage applies after generating: 0 documents for 1 requested batch fails, causes counted
        c.rejected.forEach(r -> tally.counting(new Collect()).reject(r, r.substring(r.indexOf(':') + 1), ""));
        assertThatThrownBy(() -> new MinimumDocuments(null).check(tally))
                .isInstanceOfSatisfying(GenerationFailedException.class, x -> {
                    assertThat(x.reason()).isEqualTo(GenerationFailedException.Reason.TOO_FEW_DOCUMENTS);
                    assertThat(x.counts()).containsEntry("accepted", 0L).containsEntry("malformed_completion", 5L);
                })
                .hasMessageContaining(MinimumDocuments.KEY);
    }

    @Test
    void minimumDocumentsDefaultsToOnePerBatch() {
        GenerationTally t = new GenerationTally();
        Collect sink = new Collect();
        for (int i = 0; i < 3; i++) {
            t.batch();
        }
        t.counting(sink).accept(new Document("a", "x", "s", Map.of()));
        t.counting(sink).accept(new Document("b", "y", "s", Map.of()));
        t.counting(sink).reject("c", "timeout", "d");
        assertThatThrownBy(() -> new MinimumDocuments(null).check(t)).hasMessageContaining("fewer than the 3")
                .hasMessageContaining("timeout=1");
        new MinimumDocuments(2L).check(t);
        assertThat(MinimumDocuments.parse("0").required(10)).isZero();
        assertThatThrownBy(() -> MinimumDocuments.parse("x")).hasMessageContaining(MinimumDocuments.KEY);
        assertThat(sink.accepted).hasSize(2);
    }

    @Test
    void retryAfterMsIsHonoured() {
        server.then(Reply.status(429, "{\"error\":\"slow down\"}", Map.of("retry-after-ms", "400")));
        LlmGenerator g = new LlmGenerator(config(server.baseUrl()).build(), OpenAiClient::new, null, null);
        Collect c = new Collect();
        long t0 = System.nanoTime();
        g.generate(seeds(1), c);
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertThat(c.accepted).hasSize(1);
        assertThat(server.received).hasSize(2);
        assertThat(ms).isGreaterThanOrEqualTo(400);
    }

    @Test
    void retryAfterHeadersParse() {
        Instant now = Instant.parse("2026-11-30T03:00:00Z");
        assertThat(RetryAfter.fromHeaders("1500", "9", now)).contains(Duration.ofMillis(1500));
        assertThat(RetryAfter.fromHeaders("12.5", null, now)).contains(Duration.ofNanos(12_500_000));
        assertThat(RetryAfter.fromHeaders(null, "7", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.fromHeaders("junk", "7", now)).contains(Duration.ofSeconds(7));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atZone(ZoneOffset.UTC));
        assertThat(RetryAfter.fromHeaders(null, date, now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.fromHeaders(null, null, now)).isEqualTo(Optional.empty());
    }

    @Test
    void truncatedCompletionIsContinuedOnceNeverKeptCut() {
        server.then(Reply.finished("The nation grew and", 10, 64, "length"),
                Reply.finished("prospered.", 10, 5, "stop"),
                Reply.finished("Cut once", 10, 64, "length"),
                Reply.finished("and cut again", 10, 64, "length"));
        LlmGenerator g = new LlmGenerator(config(server.baseUrl()).build(), OpenAiClient::new, null, null);
        Collect c = new Collect();
        g.generate(seeds(2), c);
        assertThat(c.accepted).singleElement().satisfies(d -> {
            assertThat(d.text()).isEqualTo("The nation grew and prospered.");
            assertThat(d.metadata()).containsEntry("finish_reason", "length+continued");
        });
        assertThat(c.rejected).containsExactly("s1:truncated");
        FakeOpenAiServer.Received cont = server.received.get(1);
        assertThat(cont.body().path("messages").get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(cont.body().path("messages").get(2).path("content").asText()).isEqualTo("The nation grew and");
        assertThat(cont.userContent()).isEqualTo(LlmGenerator.CONTINUE_PROMPT);

        server.then(Reply.finished("Cut", 10, 64, "length"));
        LlmGenerator q = new LlmGenerator(config(server.baseUrl()).onTruncated(LlmConfig.OnTruncated.QUARANTINE)
                .build(), OpenAiClient::new, null, null);
        Collect cq = new Collect();
        int before = server.received.size();
        q.generate(seeds(1), cq);
        assertThat(cq.rejected).containsExactly("s0:truncated");
        assertThat(server.received.size() - before).isEqualTo(1);
    }

    @Test
    void echoedKeyIsRedactedInEveryEncodingBeforeStorage() {
        String json = KEY.replace("/", "\\/");
        String url = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));
        String b64url = Base64.getUrlEncoder().encodeToString(("xy" + KEY).getBytes(StandardCharsets.UTF_8));
        String content = "raw " + KEY + " json " + json + " url " + url + " lower " + url.replace("%2F", "%2f").replace("%2B", "%2b")
                + " basic " + b64 + " urlsafe " + b64url + " end";
        server.then(Reply.ok(content, 1, 1),
                Reply.status(500, "{\"error\":\"bad key \\\"" + json + "\\\" " + url + " " + b64 + "\"}", Map.of()));
        LlmGenerator g = new LlmGenerator(config(server.baseUrl()).maxRetries(0).build(), OpenAiClient::new, null, null);
        Collect c = new Collect();
        g.generate(seeds(2), c);
        assertThat(c.accepted).singleElement().satisfies(d -> {
            assertThat(d.text()).startsWith("raw ***").endsWith(" end");
            assertThat(d.metadata()).containsEntry("secret_redacted", true);
        });
        List<String> surfaces = new ArrayList<>(c.details);
        surfaces.add(c.accepted.get(0).text());
        surfaces.add(String.valueOf(c.accepted.get(0).metadata()));
        assertThat(c.rejected).containsExactly("s1:server_error");
        for (String s : surfaces) {
            assertThat(s).doesNotContain(KEY).doesNotContain(json).doesNotContain(url)
                    .doesNotContain(url.replace("%2F", "%2f").replace("%2B", "%2b"))
                    .doesNotContain(b64).doesNotContain(b64url).doesNotContain("9f8e7d6c5b4a");
        }
        assertThat(Secrets.redact("nothing secret here", KEY)).isEqualTo("nothing secret here");
    }

    @Test
    void azureFormAndMaxTokensSwitch() {
        Map<String, String> props = Map.of("tailguard.generate.generator", "llm",
                "tailguard.generate.llm.base-url", server.baseUrl(), "tailguard.generate.llm.model", "gpt-4o",
                "tailguard.generate.llm.api-key", KEY, "tailguard.generate.llm.api-version", "2024-10-21",
                "tailguard.generate.llm.max-tokens-field", "max_tokens",
                "tailguard.generate.llm.style-mix", "wrap-medium:1");
        LlmConfig cfg = GeneratorSpec.fromConfig(k -> Optional.ofNullable(props.get(k)), null, null).llm();
        assertThat(cfg.auth()).isEqualTo(LlmConfig.Auth.API_KEY);
        new LlmGenerator(cfg, OpenAiClient::new, null, null).generate(seeds(1), new Collect());
        FakeOpenAiServer.Received r = server.received.get(0);
        assertThat(r.query()).isEqualTo("api-version=2024-10-21");
        assertThat(r.apiKey()).isEqualTo(KEY);
        assertThat(r.authorization()).isNull();
        assertThat(r.body().path("max_tokens").asInt()).isEqualTo(512);
        assertThat(r.body().has("max_completion_tokens")).isFalse();
        assertThat(cfg.describe()).containsEntry("api_version", "2024-10-21").doesNotContainValue(KEY);
        assertThatThrownBy(() -> LlmConfig.MaxTokensField.parse("tokens")).hasMessageContaining("max-tokens-field");
    }
}
