package dev.tailguard.core.pipeline;

import dev.tailguard.llm.OpenAiClient;
import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.gate.GateSpec;
import dev.tailguard.core.generate.ConfiguredGeneratorSelector;
import dev.tailguard.core.generate.SyntheticRecord;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Embedded runs (generate → score → blend → report) with the {@code rules} and {@code llm} generators chosen by
 * name through {@link ConfiguredGeneratorSelector}; the {@code llm} runs talk to a real HTTP server on 127.0.0.1
 * speaking the OpenAI chat-completions format (each reply: prompt_tokens 100, completion_tokens 20).
 */
class GeneratorRunTest {

    @TempDir
    static Path dir;
    static Path input;
    static HttpServer server;
    static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void setUp() throws IOException {
        input = TestCorpus.write(dir, 10);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> reply(ex, false));
        server.createContext("/degenerate/v1/chat/completions", ex -> reply(ex, true));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /**
     * Echoes the prompt's chunk as {@code "In other words: <chunk>"}; with {@code degenerate}, requests with a
     * temperature below 0.85 all get the same short sentence instead (a collapsed batch).
     */
    static void reply(HttpExchange ex, boolean degenerate) throws IOException {
        try (ex) {
            Map<String, Object> body = Json.MAPPER.readValue(ex.getRequestBody(), new TypeReference<>() {
            });
            requests.incrementAndGet();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> msgs = (List<Map<String, Object>>) body.get("messages");
            String user = String.valueOf(msgs.get(msgs.size() - 1).get("content"));
            double temperature = ((Number) body.get("temperature")).doubleValue();
            String content = degenerate && temperature < 0.85 ? "The nation is strong and the nation is strong."
                    : "In other words: " + user.substring(user.lastIndexOf("\n\n") + 2);
            String reply = "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"tiny\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + Json.write(content) + "},"
                    + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                    + "\"total_tokens\":120}}";
            byte[] out = reply.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @AfterAll
    static void tearDown() {
        server.stop(0);
    }

    static RunConfig config(String generator) {
        return new RunConfig(7, 0.3, generator, 3, 1.0, 0, "accumulate", 0.7, 4, TestCorpus.MAX_LINE_BYTES, "none", 400,
                List.of(new GateSpec("blend", "real_fraction", 0.7, null, "stop")));
    }

    static Map<String, String> llmProps(String budgetTokens) {
        Map<String, String> p = new HashMap<>();
        p.put("tailguard.generate.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        p.put("tailguard.generate.llm.model", "tiny");
        p.put("tailguard.generate.llm.max-tokens", "64");
        p.put("tailguard.generate.llm.chunk-tokens", "300");
        p.put("tailguard.generate.llm.price-per-1k-prompt", "0.5");
        p.put("tailguard.generate.llm.price-per-1k-completion", "1.5");
        if (budgetTokens != null) {
            p.put("tailguard.generate.llm.budget-tokens", budgetTokens);
        }
        return p;
    }

    record Run(Path out, Map<String, Object> report, List<Document> synthetic, String card) {
    }

    static Run run(String name, String generator, Map<String, String> props) throws IOException {
        Path out = dir.resolve(name);
        LocalObjectStore store = new LocalObjectStore(out);
        RunRequested req = new RunRequested(name, List.of(input.toString()), config(generator));
        RunReported done = Pipeline.run(req, store, ConfiguredGeneratorSelector.of(props, OpenAiClient::new));
        assertThat(done.status()).isEqualTo("succeeded");
        Map<String, Object> report = Json.MAPPER.readValue(out.resolve("runs/" + name + "/report/report.json").toFile(),
                new TypeReference<>() {
                });
        Map<String, Object> gen = Manifest.read(store, new RunLayout(name).manifest("synthetic"));
        List<Document> docs = new ArrayList<>();
        Shards.forEachDocument(store, Manifest.keys(gen, "synthetic"), docs::add);
        assertThat(docs).hasSize((int) Manifest.count(gen, "synthetic_generated"));
        String card = Files.readString(out.resolve("runs/" + name + "/README.md"));
        return new Run(out, report, docs, card);
    }

    static void assertCommonProvenance(Document d, String runId, String generator) {
        Map<String, Object> m = d.metadata();
        assertThat(m).containsEntry(Provenance.GENERATOR, generator).containsEntry(Provenance.RUN_ID, runId)
                .containsEntry(Provenance.GENERATION, 1).containsEntry(Provenance.KIND, "synthetic");
        assertThat(m.get(Provenance.CONTENT_SHA256)).isEqualTo(SyntheticRecord.sha256Hex(d.text()));
        assertThat((List<?>) m.get(Provenance.SEED_IDS)).hasSize(1);
        assertThat(d.id()).startsWith(((List<?>) m.get(Provenance.SEED_IDS)).get(0) + "-" + generator + "-");
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesRunRecordsProvenanceOnEverySyntheticRecord() throws IOException {
        Run r = run("run-rules", "rules", Map.of());
        assertThat(r.synthetic()).isNotEmpty();
        for (Document d : r.synthetic()) {
            assertCommonProvenance(d, "run-rules", "rules");
            assertThat((List<String>) d.metadata().get(Provenance.RULES_APPLIED)).isNotEmpty()
                    .allMatch(s -> !s.isBlank());
            assertThat(d.metadata()).containsKeys(Provenance.STYLE, Provenance.MODEL);
        }
        assertThat((Map<String, Object>) r.report().get("generator")).containsEntry("name", "rules");
        assertThat(r.report()).doesNotContainKey("usage");
    }

    @Test
    @SuppressWarnings("unchecked")
    void llmRunReportsUsageAndRecordsProvenance() throws IOException {
        int before = requests.get();
        Run r = run("run-llm", "llm", llmProps(null));
        int sent = requests.get() - before;
        assertThat(sent).isPositive();
        Map<String, Object> usage = (Map<String, Object>) r.report().get("usage");
        Map<String, Object> total = (Map<String, Object>) usage.get("total");
        assertThat(((Number) total.get("requests")).intValue()).isEqualTo(sent);
        assertThat(((Number) total.get("prompt_tokens")).longValue()).isEqualTo(100L * sent);
        assertThat(((Number) total.get("completion_tokens")).longValue()).isEqualTo(20L * sent);
        assertThat(((Number) total.get("cost")).doubleValue()).isCloseTo(sent * (0.1 * 0.5 + 0.02 * 1.5),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(usage).containsEntry("estimated", false);
        assertThat((Map<String, Object>) usage.get("budget")).containsEntry("exhausted", false);
        assertThat(r.synthetic()).hasSize(sent);

        Map<String, Object> gen = (Map<String, Object>) r.report().get("generator");
        Map<String, String> promptSha = (Map<String, String>) ((Map<String, Object>) gen.get("parameters")).get("prompt_sha256");
        Map<String, Integer> perStyle = new HashMap<>();
        for (Document d : r.synthetic()) {
            assertCommonProvenance(d, "run-llm", "llm");
            Map<String, Object> m = d.metadata();
            assertThat(m).containsEntry(Provenance.MODEL, "tiny").containsKeys(Provenance.STYLE, Provenance.TEMPERATURE);
            assertThat(d.text()).startsWith("In other words: ");
            String promptId = (String) m.get(Provenance.PROMPT_ID);
            assertThat(m.get(Provenance.PROMPT_SHA256)).isEqualTo(promptSha.get(promptId)).asString().hasSize(64);
            perStyle.merge((String) m.get(Provenance.STYLE), 1, Integer::sum);
        }
        Map<String, Map<String, Object>> styles = (Map<String, Map<String, Object>>) usage.get("per_style");
        perStyle.forEach((style, n) -> assertThat(((Number) styles.get(style).get("requests")).intValue()).isEqualTo(n));
        assertThat(r.card()).contains("### Usage", "| **total** | " + sent + " | 0 | 0 | 0 | " + 100 * sent + " | " + 20 * sent)
                .doesNotContain("Budget exhausted");
    }

    @Test
    @SuppressWarnings("unchecked")
    void spentBudgetStopsGenerationAndTheReportSaysSo() throws IOException {
        int before = requests.get();
        Run r = run("run-llm-budget", "llm", llmProps("1500"));
        int sent = requests.get() - before;
        Map<String, Object> usage = (Map<String, Object>) r.report().get("usage");
        Map<String, Object> total = (Map<String, Object>) usage.get("total");
        Map<String, Object> budget = (Map<String, Object>) usage.get("budget");
        assertThat(budget).containsEntry("exhausted", true);
        assertThat(((Number) budget.get("tokens")).longValue()).isEqualTo(1500);
        assertThat(((Number) total.get("requests")).intValue()).isEqualTo(sent);
        assertThat(((Number) total.get("total_tokens")).longValue()).isLessThanOrEqualTo(1500).isEqualTo(120L * sent);
        assertThat(((Number) total.get("skipped")).longValue()).isPositive();
        Map<String, Number> reasons = (Map<String, Number>) r.report().get("quarantine_reasons");
        assertThat(reasons.get("generate/budget_exhausted").longValue()).isEqualTo(((Number) total.get("skipped")).longValue());
        assertThat(r.card()).contains("**Budget exhausted** (tokens 1500");
    }

    @Test
    @SuppressWarnings("unchecked")
    void collapsedBatchIsRegeneratedWithAHigherTemperatureAndEveryRoundIsReported() throws IOException {
        Map<String, String> p = llmProps(null);
        p.put("tailguard.generate.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/degenerate/v1");
        p.put("tailguard.generate.llm.temperature", "0.7");
        p.put("tailguard.generate.refinement.min-distinct2", "0.5");
        p.put("tailguard.generate.refinement.max-near-duplicate-rate", "0.5");
        p.put("tailguard.generate.refinement.temperature-step", "0.2");
        int before = requests.get();
        Run r = run("run-llm-refine", "llm", p);
        int sent = requests.get() - before;

        Map<String, Object> ref = (Map<String, Object>) r.report().get("refinement");
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) ref.get("rounds");
        int batches = ((Number) ref.get("batches")).intValue();
        assertThat(batches).isPositive();
        assertThat(ref).containsEntry("regenerated_batches", batches);
        assertThat(rounds).hasSize(2 * batches);
        assertThat(r.card()).contains("Refinement loop: " + batches + " of " + batches + " batches regenerated");
        int docsPerRound = 0;
        for (Map<String, Object> round : rounds) {
            int n = ((Number) round.get("round")).intValue();
            if (n == 0) {
                assertThat(round).containsEntry("outcome", "regenerate").containsEntry("temperature", 0.7);
                assertThat((List<String>) round.get("failures")).contains("near_duplicate_above_ceiling");
                assertThat(((Number) round.get("near_duplicate_rate")).doubleValue()).isGreaterThan(0.5);
                docsPerRound += ((Number) round.get("documents")).intValue();
            } else {
                assertThat(n).isEqualTo(1);
                assertThat(round).containsEntry("outcome", "passed");
                assertThat(((Number) round.get("temperature")).doubleValue()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(((Number) round.get("near_duplicate_rate")).doubleValue()).isLessThanOrEqualTo(0.5);
            }
        }
        assertThat(r.synthetic()).hasSize(docsPerRound).allSatisfy(d -> {
            assertThat(d.text()).startsWith("In other words: ");
            assertThat(((Number) d.metadata().get(Provenance.TEMPERATURE)).doubleValue()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        });
        Map<String, Object> total = (Map<String, Object>) ((Map<String, Object>) r.report().get("usage")).get("total");
        assertThat(((Number) total.get("requests")).intValue()).isEqualTo(sent).isEqualTo(2 * docsPerRound);
    }

    @Test
    @SuppressWarnings("unchecked")
    void generatorsThatCannotResampleKeepTheirBatchAndSaySo() throws IOException {
        Run r = run("run-rules-refine", "rules", Map.of("tailguard.generate.refinement.min-distinct2", "1.01"));
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) ((Map<String, Object>) r.report().get("refinement")).get("rounds");
        assertThat(rounds).isNotEmpty().allSatisfy(round -> assertThat(round).containsEntry("outcome", "not_adjustable")
                .containsEntry("round", 0));
        assertThat(r.synthetic()).isNotEmpty();
    }
}
