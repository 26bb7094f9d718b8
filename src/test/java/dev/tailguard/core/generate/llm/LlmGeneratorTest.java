package dev.tailguard.core.generate.llm;

import dev.tailguard.llm.OpenAiClient;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.SyntheticRecord;
import dev.tailguard.core.generate.Usage;
import dev.tailguard.core.generate.llm.FakeOpenAiServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmGeneratorTest {

    private static final String KEY = "sk-test-9f8e7d6c5b4a-SECRET";
    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmConfig.Builder config() {
        return LlmConfig.builder(server.baseUrl(), "test-model").apiKey(KEY).maxConcurrency(1)
                .timeout(Duration.ofSeconds(2)).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).maxRetries(3)
                .temperature(0.8).maxTokens(64).seed(7);
    }

    private static Document seed(String id, String text) {
        return new Document(id, text, "sotu", Map.of("year", 1950));
    }

    private static Collect run(LlmGenerator g, Document... seeds) {
        Collect c = new Collect();
        g.generate(List.of(seeds), c);
        return c;
    }

    @Test
    void successWritesDocumentsWithFullProvenanceInSeedChunkOrder() {
        LlmGenerator g = new LlmGenerator(config().chunkTokens(6).prices(1.0, 2.0).build(), OpenAiClient::new, "run-9", "run-8");
        Document a = new Document("a", "The war ended. The nation grew quickly.", "sotu",
                Map.of("year", 1950, Provenance.GENERATION, 1));
        Collect c = run(g, a, seed("b", "Trade expanded."));

        assertThat(c.rejected).isEmpty();
        assertThat(c.accepted).extracting(Document::text)
                .containsExactly("R: The war ended.", "R: The nation grew quickly.", "R: Trade expanded.");
        PromptLibrary lib = PromptLibrary.load(null);
        for (Document d : c.accepted) {
            Map<String, Object> m = d.metadata();
            String style = (String) m.get(Provenance.STYLE);
            String promptId = (String) m.get(Provenance.PROMPT_ID);
            int chunk = (Integer) m.get("chunk");
            String seedId = d.id().substring(0, 1);
            assertThat(d.id()).isEqualTo(seedId + "-llm-" + style + "-" + chunk);
            assertThat(lib.get(promptId).style()).isEqualTo(style);
            assertThat(m).containsEntry(Provenance.GENERATOR, "llm").containsEntry(Provenance.MODEL, "test-model")
                    .containsEntry(Provenance.KIND, "synthetic")
                    .containsEntry(Provenance.PROMPT_SHA256, lib.get(promptId).sha256())
                    .containsEntry(Provenance.TEMPERATURE, 0.8)
                    .containsEntry(Provenance.SEED_IDS, List.of(seedId))
                    .containsEntry(Provenance.GENERATION, seedId.equals("a") ? 2 : 1)
                    .containsEntry(Provenance.RUN_ID, "run-9").containsEntry(Provenance.PARENT_RUN, "run-8")
                    .containsEntry(Provenance.CONTENT_SHA256, SyntheticRecord.sha256Hex(d.text()))
                    .containsEntry("year", 1950).containsKey(Provenance.PARAMETERS)
                    .doesNotContainKey(Provenance.TOP_K);
        }
        assertThat(server.received).hasSize(3);
        FakeOpenAiServer.Received r = server.received.get(0);
        assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(r.body().path("model").asText()).isEqualTo("test-model");
        assertThat(r.body().path("max_completion_tokens").asInt()).isEqualTo(64);
        assertThat(r.body().has("max_tokens")).isFalse();
        assertThat(r.body().path("temperature").asDouble()).isEqualTo(0.8);
        assertThat(r.body().path("messages").get(0).path("role").asText()).isEqualTo("system");

        Usage.Counts t = g.usage().total();
        assertThat(t.requests()).isEqualTo(3);
        assertThat(t.promptTokens()).isEqualTo(300);
        assertThat(t.completionTokens()).isEqualTo(60);
        assertThat(t.estimatedRequests()).isZero();
        assertThat(t.cost()).isEqualTo(0.3 * 1.0 + 0.06 * 2.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void rateLimitHonoursRetryAfterSeconds() {
        server.then(Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "1")));
        LlmGenerator g = new LlmGenerator(config().build(), OpenAiClient::new, null, null);
        long t0 = System.nanoTime();
        Collect c = run(g, seed("a", "The war ended."));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(c.accepted).hasSize(1);
        assertThat(ms).isGreaterThanOrEqualTo(950);
        assertThat(server.received).hasSize(2);
        assertThat(g.usage().total().retries()).isEqualTo(1);
        assertThat(g.usage().total().failures()).isZero();
    }

    @Test
    void serverErrorIsRetriedAndPersistentErrorsAreRejected() {
        server.then(Reply.status(500, "oops", Map.of()), Reply.status(503, "", Map.of()));
        LlmGenerator g = new LlmGenerator(config().build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "The war ended."));
        assertThat(c.accepted).hasSize(1);
        assertThat(g.usage().total().retries()).isEqualTo(2);

        server.fallback = r -> Reply.status(502, "bad gateway", Map.of());
        LlmGenerator g2 = new LlmGenerator(config().maxRetries(2).build(), OpenAiClient::new, null, null);
        Collect c2 = run(g2, seed("b", "Trade expanded."));
        assertThat(c2.accepted).isEmpty();
        assertThat(c2.rejected).containsExactly("b:server_error");
        assertThat(c2.details.get(0)).contains("HTTP 502", "after 2 retries");
        assertThat(g2.usage().total().failures()).isEqualTo(1);
    }

    @Test
    void timeoutIsRetriedThenRejectedWhenPersistent() {
        server.then(Reply.ok("late", 1, 1).delayed(1500));
        LlmGenerator g = new LlmGenerator(config().timeout(Duration.ofMillis(300)).build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "The war ended."));
        assertThat(c.accepted).extracting(Document::text).containsExactly("R: The war ended.");
        assertThat(g.usage().total().retries()).isEqualTo(1);

        server.fallback = r -> Reply.ok("late", 1, 1).delayed(1500);
        LlmGenerator g2 = new LlmGenerator(config().timeout(Duration.ofMillis(200)).maxRetries(1).build(), OpenAiClient::new, null, null);
        Collect c2 = run(g2, seed("b", "Trade expanded."));
        assertThat(c2.rejected).containsExactly("b:timeout");
        assertThat(c2.accepted).isEmpty();
    }

    @Test
    void malformedAndEmptyCompletionsAreRejectedNeverWritten() {
        server.then(Reply.status(200, "this is not json", Map.of()),
                Reply.status(200, "{\"object\":\"chat.completion\"}", Map.of()),
                Reply.status(200, "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":0}}", Map.of()),
                Reply.ok("   ", 5, 1));
        LlmGenerator g = new LlmGenerator(config().build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "One."), seed("b", "Two."), seed("c", "Three."), seed("d", "Four."),
                seed("e", "  "));
        assertThat(c.accepted).isEmpty();
        assertThat(c.rejected).containsExactly("a:malformed_completion", "b:malformed_completion",
                "c:empty_completion", "d:empty_completion", "e:empty_seed");
        assertThat(c.details.get(0)).contains("not JSON");
        assertThat(c.details.get(1)).contains("'choices'");
        Usage.Counts t = g.usage().total();
        assertThat(t.failures()).isEqualTo(4);
        assertThat(t.promptTokens()).isEqualTo(12);
        assertThat(t.completionTokens()).isEqualTo(1);
    }

    @Test
    void missingUsageIsEstimatedAndMarked() {
        server.fallback = r -> Reply.ok("abcdefgh", null, null);
        LlmGenerator g = new LlmGenerator(config().build(), OpenAiClient::new, null, null);
        run(g, seed("a", "One."));
        Usage.Counts t = g.usage().total();
        assertThat(t.estimatedRequests()).isEqualTo(1);
        assertThat(t.completionTokens()).isEqualTo(2);
        assertThat(t.promptTokens()).isPositive();
        assertThat(g.usage().toMap()).containsEntry("estimated", true);
    }

    /** A server whose tokenizer agrees with the client's estimate and whose completions use all of max_tokens. */
    private void exactUsageServer() {
        server.fallback = r -> {
            long prompt = 0;
            for (var m : r.body().path("messages")) {
                prompt += LlmGenerator.estimateTokens(m.path("content").asText());
            }
            return Reply.ok("R: " + FakeOpenAiServer.chunkOf(r.userContent()), (int) prompt,
                    r.body().path("max_completion_tokens").asInt());
        };
    }

    /** Tokens of one call on a four-letter seed with the wrap-medium prompt and max_tokens 100. */
    private static long callTokens() {
        PromptTemplate p = PromptLibrary.load(null).get("wrap-medium");
        return LlmGenerator.estimateTokens(p.system()) + LlmGenerator.estimateTokens(p.render("One.")) + 100;
    }

    @Test
    void tokenBudgetStopsCleanlyAndSaysSo() {
        exactUsageServer();
        long perCall = callTokens();
        long budget = 2 * perCall + perCall / 2;
        LlmGenerator g = new LlmGenerator(config().maxTokens(100).styleMix(Map.of("wrap-medium", 1.0))
                .budgetTokens(budget).build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "One."), seed("b", "Two."), seed("c", "Six."), seed("d", "Ten."));
        assertThat(c.accepted).extracting(Document::text).containsExactly("R: One.", "R: Two.");
        assertThat(c.rejected).containsExactly("c:budget_exhausted", "d:budget_exhausted");
        assertThat(c.details.get(0)).contains("token budget " + budget);
        assertThat(server.received).hasSize(2);
        assertThat(g.usage().budgetExhausted()).isTrue();
        assertThat(g.usage().total().skipped()).isEqualTo(2);
        assertThat(g.usage().total().totalTokens()).isEqualTo(2 * perCall);
        @SuppressWarnings("unchecked") Map<String, Object> b = (Map<String, Object>) g.usage().toMap().get("budget");
        assertThat(b).containsEntry("exhausted", true).containsEntry("tokens", budget);
        assertThat((String) b.get("detail")).contains("seed c");
    }

    @Test
    void refinementRoundSharesBudgetAndUsage() {
        exactUsageServer();
        long perCall = callTokens();
        LlmGenerator g = new LlmGenerator(config().maxTokens(100).styleMix(Map.of("wrap-medium", 1.0))
                .budgetTokens(3 * perCall).build(), OpenAiClient::new, null, null);
        Collect first = run(g, seed("a", "One."), seed("b", "Two."));
        LlmGenerator hotter = g.withSampling(1.1, 50, null);
        assertThat(hotter.parameters()).containsEntry("temperature", 1.1).containsEntry("top_k", 50);
        Collect second = run(hotter, seed("a", "One."), seed("b", "Two."));
        assertThat(first.accepted).hasSize(2);
        assertThat(second.accepted).hasSize(1);
        assertThat(second.accepted.get(0).metadata()).containsEntry(Provenance.TEMPERATURE, 1.1)
                .containsEntry(Provenance.TOP_K, 50).containsEntry(Provenance.STYLE, "medium");
        assertThat(second.rejected).containsExactly("b:budget_exhausted");
        assertThat(server.received.get(2).body().path("top_k").asInt()).isEqualTo(50);
        assertThat(g.usage()).isSameAs(hotter.usage());
        assertThat(g.usage().total().requests()).isEqualTo(3);
    }

    @Test
    void costBudgetStopsToo() {
        exactUsageServer();
        long perCall = callTokens();
        double perCallCost = ((perCall - 100) * 1.0 + 100 * 2.0) / 1000.0;
        LlmGenerator g = new LlmGenerator(config().prices(1.0, 2.0).maxTokens(100)
                .styleMix(Map.of("wrap-medium", 1.0)).budgetCost(3.5 * perCallCost).build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "One."), seed("b", "Two."), seed("c", "Six."), seed("d", "Ten."));
        assertThat(c.accepted).hasSize(3);
        assertThat(c.rejected).containsExactly("d:budget_exhausted");
        assertThat(g.usage().total().cost()).isCloseTo(3 * perCallCost, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(g.usage().budgetExhausted()).isTrue();
    }

    @Test
    void concurrentRequestsKeepSeedChunkOrder() {
        server.fallback = r -> {
            String chunk = FakeOpenAiServer.chunkOf(r.userContent());
            long delay = 5L + 5L * (chunk.length() % 7);
            return Reply.ok("R: " + chunk, 10, 5).delayed(delay);
        };
        LlmGenerator g = new LlmGenerator(config().maxConcurrency(4).chunkTokens(4).build(), OpenAiClient::new, null, null);
        List<Document> seeds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seeds.add(seed("s" + i, "Sentence number " + i + " here. And another one " + "x".repeat(i) + "."));
        }
        Collect c = new Collect();
        g.generate(seeds, c);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add("R: Sentence number " + i + " here.");
            expected.add("R: And another one " + "x".repeat(i) + ".");
        }
        assertThat(c.accepted).extracting(Document::text).containsExactlyElementsOf(expected);
        assertThat(server.maxInFlight.get()).isBetween(2, 4);
        // the style of a chunk is a pure function of (seed, seed id, chunk index)
        Collect again = new Collect();
        new LlmGenerator(config().maxConcurrency(2).chunkTokens(4).build(), OpenAiClient::new, null, null).generate(seeds, again);
        assertThat(again.accepted).extracting(Document::id)
                .containsExactlyElementsOf(c.accepted.stream().map(Document::id).toList());
    }

    @Test
    void styleMixSelectsPromptsAndUnknownIdsFail() {
        LlmGenerator g = new LlmGenerator(config().styleMix(Map.of("wrap-qa", 1.0)).build(), OpenAiClient::new, null, null);
        Collect c = run(g, seed("a", "One."), seed("b", "Two."));
        assertThat(c.accepted).allSatisfy(d -> assertThat(d.metadata()).containsEntry(Provenance.STYLE, "qa")
                .containsEntry(Provenance.PROMPT_ID, "wrap-qa"));
        assertThat(server.received.get(0).userContent())
                .startsWith("Convert the following paragraph into a conversational format with multiple tags of "
                        + "\"Question:\" followed by \"Answer:\":");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new LlmGenerator(config().styleMix(Map.of("wrap-nope", 1.0)).build(), OpenAiClient::new, null, null))
                .hasMessageContaining("unknown prompt id 'wrap-nope'");
    }

    @Test
    void apiKeyNeverLeaks() {
        List<String> logged = new ArrayList<>();
        Logger jul = Logger.getLogger(OpenAiClient.class.getName());
        Level before = jul.getLevel();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.setLevel(Level.ALL);
        jul.addHandler(h);
        try {
            server.then(
                    (java.util.function.Function<FakeOpenAiServer.Received, Reply>) r ->
                            Reply.status(500, "{\"error\":\"key " + r.authorization() + " overloaded\"}", Map.of()),
                    (java.util.function.Function<FakeOpenAiServer.Received, Reply>) r ->
                            Reply.status(200, "not json " + r.authorization(), Map.of()),
                    (java.util.function.Function<FakeOpenAiServer.Received, Reply>) r ->
                            Reply.status(401, "{\"error\":\"Incorrect API key provided: " + r.authorization() + "\"}",
                                    Map.of()));
            LlmConfig cfg = config().build();
            LlmGenerator g = new LlmGenerator(cfg, OpenAiClient::new, null, null);
            Collect c = new Collect();
            assertThatThrownBy(() -> g.generate(List.of(seed("a", "One."), seed("b", "Two."), seed("c", "Three.")), c))
                    .isInstanceOf(dev.tailguard.core.generate.GenerationFailedException.class)
                    .hasMessageContaining("HTTP 401").hasMessageNotContaining(KEY);
            assertThat(c.rejected).containsExactly("a:malformed_completion", "b:http_fatal", "c:aborted");
            assertThat(server.received).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));

            List<String> surfaces = new ArrayList<>(c.details);
            surfaces.addAll(logged);
            surfaces.add(cfg.toString());
            surfaces.add(String.valueOf(g.parameters()));
            surfaces.add(String.valueOf(g.usage().toMap()));
            assertThat(logged).isNotEmpty();
            assertThat(c.details.get(1)).contains("HTTP 401", "Incorrect API key provided: Bearer ***");
            assertThat(c.details.get(2)).contains("not sent after HTTP 401");
            assertThat(server.received).hasSize(3);
            for (String s : surfaces) {
                assertThat(s).doesNotContain(KEY).doesNotContain("9f8e7d6c5b4a");
            }
            assertThat(g.parameters()).containsEntry("api_key_set", true).doesNotContainKey("api_key");
        } finally {
            jul.removeHandler(h);
            jul.setLevel(before);
        }
    }

    static final class Collect implements GenerationSink {
        final List<Document> accepted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        final List<String> details = new ArrayList<>();

        @Override
        public void accept(Document synthetic) {
            accepted.add(synthetic);
        }

        @Override
        public void reject(String seedId, String reason, String detail) {
            rejected.add(seedId + ":" + reason);
            details.add(detail);
        }
    }
}
