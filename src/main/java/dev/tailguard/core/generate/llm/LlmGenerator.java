package dev.tailguard.core.generate.llm;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GenerationFailedException;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.Generator;
import dev.tailguard.core.generate.SyntheticRecord;
import dev.tailguard.core.generate.Usage;
import dev.tailguard.core.generate.UsageReporting;
import dev.tailguard.core.generate.Resampling;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LLM rephrasing ({@code llm}) through an OpenAI-compatible server, in the WRAP styles (collapse-anchors §4).
 * Each seed is cut into ~{@code chunkTokens} sentence-aligned chunks; each chunk gets one prompt from the style
 * mix (a pure function of seed, seed id and chunk index) and one completion. Up to {@code maxConcurrency}
 * requests run at once; documents and rejections reach the sink in seed/chunk order. A failed chunk is rejected
 * with the client's reason ({@code malformed_completion}, {@code empty_completion}, {@code timeout}, ...);
 * when the token or cost budget is spent, every chunk not yet sent is rejected with {@code budget_exhausted}
 * and {@link #usage()} says so. A completion cut at {@code finish_reason=length} is continued once (or, with
 * {@code on-truncated=quarantine}, rejected at once) and rejected as {@code truncated} when still cut: a cut text is
 * never kept as a whole document. The {@link CircuitBreaker} opens after a 401, 403 or 404 ({@code http_fatal}), an
 * unreachable endpoint, or {@code circuit-breaker.failures} consecutive failed requests: then nothing more is sent,
 * chunks already queued are rejected with {@code aborted}, and {@link #generate} throws a
 * {@link GenerationFailedException} ({@code CIRCUIT_OPEN}) counting accepted, rejected and unsent chunks, so the
 * stage fails instead of reporting success. Document ids are {@code <seedId>-llm-<style>-<chunk>}.
 */
public final class LlmGenerator implements Generator, UsageReporting, Resampling {

    /** Generator name recorded in provenance. */
    public static final String NAME = "llm";

    private final LlmConfig config;
    private final String runId;
    private final String parentRun;
    private final PromptLibrary prompts;
    private final StyleMix mix;
    private final ChatClient client;
    private final Budget budget;
    private final Usage usage;

    /**
     * @param clients   builds the chat client (the adapter, e.g. {@code dev.tailguard.llm.OpenAiClient::new})
     * @param runId     recorded as {@code run_id}, may be null
     * @param parentRun recorded as {@code parent_run}, may be null
     * @throws IllegalArgumentException when the style mix names an unknown prompt id
     */
    public LlmGenerator(LlmConfig config, ChatClientFactory clients, String runId, String parentRun) {
        this.config = config;
        this.runId = runId;
        this.parentRun = parentRun;
        this.prompts = PromptLibrary.load(config.promptDir());
        this.mix = new StyleMix(config.styleMix(), config.seed());
        mix.ids().forEach(prompts::get);
        this.client = clients.create(config, new CircuitBreaker(config.failureThreshold()));
        this.budget = new Budget(config.budgetTokens(), config.budgetCost());
        this.usage = new Usage();
        usage.setBudget(config.budgetTokens(), config.budgetCost());
    }

    private LlmGenerator(LlmGenerator base, LlmConfig config) {
        this.config = config;
        this.runId = base.runId;
        this.parentRun = base.parentRun;
        this.prompts = base.prompts;
        this.mix = new StyleMix(config.styleMix(), config.seed());
        mix.ids().forEach(prompts::get);
        this.client = base.client;
        this.budget = base.budget;
        this.usage = base.usage;
    }

    /**
     * The same generator with other sampling settings (a refinement round, see
     * {@link dev.tailguard.core.generate.RefinementPolicy}); it shares this generator's HTTP client, per-run budget
     * and usage, so regeneration rounds count against the same budget.
     *
     * @param topK      0 = not sent
     * @param styleMix  null or empty = keep the current mix
     */
    @Override
    public LlmGenerator withSampling(double temperature, int topK, Map<String, Double> styleMix) {
        LlmConfig.Builder b = config.toBuilder().temperature(temperature).topK(topK);
        if (styleMix != null && !styleMix.isEmpty()) {
            b.styleMix(styleMix);
        }
        return new LlmGenerator(this, b.build());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = config.describe();
        Map<String, Object> sha = new LinkedHashMap<>();
        for (String id : mix.ids()) {
            sha.put(id, prompts.get(id).sha256());
        }
        p.put("prompt_sha256", sha);
        return p;
    }

    /** Usage so far (tokens, requests, retries, failures, cost, budget state), per style and in total. */
    @Override
    public Usage usage() {
        return usage;
    }

    private sealed interface Outcome permits Accepted, Rejected {
    }

    private record Accepted(Document doc) implements Outcome {
    }

    private record Rejected(String seedId, String reason, String detail) implements Outcome {
    }

    private record Task(Document seed, int chunk, int chunks, String text, PromptTemplate prompt, String user,
                        long reservedTokens, double reservedCost, long estimatedPrompt) {
    }

    /** Instruction sent after a completion cut at the token limit. */
    static final String CONTINUE_PROMPT = "Continue exactly where you stopped. Output only the continuation.";

    /** The breaker shared by this generator and its refinement copies. */
    public CircuitBreaker breaker() {
        return client.breaker();
    }

    @Override
    public void generate(List<Document> seeds, GenerationSink sink) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.maxConcurrency(), r -> {
            Thread t = new Thread(r, "tailguard-llm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Outcome>> window = new ArrayDeque<>();
        int limit = 2 * config.maxConcurrency();
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (Document seed : seeds) {
                if (seed.text().isBlank()) {
                    window.add(CompletableFuture.completedFuture(new Rejected(seed.id(), "empty_seed", "seed text is blank")));
                    continue;
                }
                List<String> chunks = Chunker.chunk(seed.text(), config.chunkTokens());
                for (int i = 0; i < chunks.size(); i++) {
                    while (window.size() >= limit) {
                        emit(window.poll(), sink, counts);
                    }
                    if (breaker().isOpen()) {
                        counts.merge("not_sent", 1L, Long::sum);
                        continue;
                    }
                    window.add(schedule(pool, seed, i, chunks.size(), chunks.get(i)));
                }
            }
            while (!window.isEmpty()) {
                emit(window.poll(), sink, counts);
            }
        } finally {
            pool.shutdownNow();
        }
        if (breaker().isOpen()) {
            usage.markCircuitOpen(breaker().cause());
            throw new GenerationFailedException(GenerationFailedException.Reason.CIRCUIT_OPEN,
                    "generation stopped: circuit open after " + breaker().cause() + "; counts:", counts);
        }
    }

    private Future<Outcome> schedule(ExecutorService pool, Document seed, int chunk, int chunks, String text) {
        PromptTemplate p = prompts.get(mix.pick(seed.id(), chunk));
        if (breaker().isOpen()) {
            return CompletableFuture.completedFuture(aborted(seed, chunk, chunks));
        }
        String user = p.render(text);
        long estPrompt = estimateTokens(p.system()) + estimateTokens(user);
        long reserveTokens = estPrompt + config.maxTokens();
        double reserveCost = cost(estPrompt, config.maxTokens());
        if (!budget.tryReserve(reserveTokens, reserveCost)) {
            String detail = "chunk " + (chunk + 1) + "/" + chunks + " not sent: " + budget.describe() + " spent";
            usage.recordSkipped(p.style());
            usage.markBudgetExhausted("stopped at seed " + seed.id() + " chunk " + (chunk + 1) + "/" + chunks + ": "
                    + budget.describe());
            return CompletableFuture.completedFuture(new Rejected(seed.id(), "budget_exhausted", detail));
        }
        Task t = new Task(seed, chunk, chunks, text, p, user, reserveTokens, reserveCost, estPrompt);
        return pool.submit(() -> call(t));
    }

    private Rejected aborted(Document seed, int chunk, int chunks) {
        return new Rejected(seed.id(), "aborted", "chunk " + (chunk + 1) + "/" + chunks + " not sent after "
                + breaker().cause());
    }

    private Outcome call(Task t) {
        PromptTemplate p = t.prompt();
        String where = "chunk " + (t.chunk() + 1) + "/" + t.chunks() + " (" + p.id() + "): ";
        if (breaker().isOpen()) {
            budget.settle(t.reservedTokens(), t.reservedCost(), 0, 0);
            return aborted(t.seed(), t.chunk(), t.chunks());
        }
        long[] spent = {0, 0};
        double[] spentCost = {0};
        try {
            long seed = requestSeed(t.seed().id(), t.chunk());
            Completion c = record(t, client.complete(p.system(), t.user(), config.temperature(), config.topK(),
                    config.maxTokens(), seed), spent, spentCost);
            String text = c.text();
            boolean continued = false;
            boolean redacted = c.secretRedacted();
            if (c.truncated()) {
                if (config.onTruncated() == LlmConfig.OnTruncated.QUARANTINE) {
                    budget.settle(t.reservedTokens(), t.reservedCost(), spent[0] + spent[1], spentCost[0]);
                    return new Rejected(t.seed().id(), "truncated", where + "finish_reason=length at max "
                            + config.maxTokens() + " tokens (" + config.maxTokensField().wire() + ")");
                }
                Completion more = record(t, client.complete(continuation(p, t.user(), text), config.temperature(),
                        config.topK(), config.maxTokens(), seed), spent, spentCost);
                redacted |= more.secretRedacted();
                if (more.truncated()) {
                    budget.settle(t.reservedTokens(), t.reservedCost(), spent[0] + spent[1], spentCost[0]);
                    return new Rejected(t.seed().id(), "truncated", where + "finish_reason=length twice (once"
                            + " continued) at max " + config.maxTokens() + " tokens");
                }
                text = join(text, more.text());
                continued = true;
            }
            budget.settle(t.reservedTokens(), t.reservedCost(), spent[0] + spent[1], spentCost[0]);
            return accepted(t, c, text, continued, redacted);
        } catch (LlmCallException e) {
            double cost = cost(e.promptTokens(), e.completionTokens());
            budget.settle(t.reservedTokens(), t.reservedCost(),
                    spent[0] + spent[1] + e.promptTokens() + e.completionTokens(), spentCost[0] + cost);
            usage.recordCall(p.style(), e.promptTokens(), e.completionTokens(), false, e.retries(), true, cost);
            if (e.reason().equals("circuit_open")) {
                return aborted(t.seed(), t.chunk(), t.chunks());
            }
            return new Rejected(t.seed().id(), e.reason(), where + e.getMessage());
        } catch (RuntimeException e) {
            budget.settle(t.reservedTokens(), t.reservedCost(), spent[0] + spent[1], spentCost[0]);
            usage.recordCall(p.style(), 0, 0, false, 0, true, 0);
            return new Rejected(t.seed().id(), "internal_error",
                    where + Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage(), config.apiKey()));
        }
    }

    /** Records one successful call's usage and adds its tokens and cost to the running totals. */
    private Completion record(Task t, Completion c, long[] spent, double[] spentCost) {
        boolean estimated = !c.usageReported();
        long pt = estimated ? t.estimatedPrompt() : c.promptTokens();
        long ct = estimated ? estimateTokens(c.text()) : c.completionTokens();
        double cost = cost(pt, ct);
        usage.recordCall(t.prompt().style(), pt, ct, estimated, c.retries(), false, cost);
        spent[0] += pt;
        spent[1] += ct;
        spentCost[0] += cost;
        return c;
    }

    private static List<ChatMessage> continuation(PromptTemplate p, String user, String partial) {
        List<ChatMessage> m = new java.util.ArrayList<>();
        if (p.system() != null && !p.system().isEmpty()) {
            m.add(new ChatMessage("system", p.system()));
        }
        m.add(new ChatMessage("user", user));
        m.add(new ChatMessage("assistant", partial));
        m.add(new ChatMessage("user", CONTINUE_PROMPT));
        return m;
    }

    /** Joins a cut text and its continuation: no space before closing punctuation, else one space. */
    static String join(String head, String tail) {
        if (tail.isEmpty()) {
            return head;
        }
        char first = tail.charAt(0);
        boolean glue = ".,;:!?)]}'\u2019\"".indexOf(first) >= 0;
        return glue ? head + tail : head + " " + tail;
    }

    private Accepted accepted(Task t, Completion c, String text, boolean continued, boolean redacted) {
        PromptTemplate p = t.prompt();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(Provenance.MODEL, config.model());
        f.put(Provenance.STYLE, p.style());
        f.put(Provenance.PROMPT_ID, p.id());
        f.put(Provenance.PROMPT_SHA256, p.sha256());
        f.put(Provenance.TEMPERATURE, config.temperature());
        f.put(Provenance.TOP_K, config.topK() > 0 ? config.topK() : null);
        f.put(Provenance.PARAMETERS, config.describe());
        f.put("chunk", t.chunk());
        f.put("chunks", t.chunks());
        f.put("finish_reason", continued ? "length+continued" : c.finishReason());
        if (redacted) {
            f.put("secret_redacted", true);
        }
        String id = t.seed().id() + "-" + NAME + "-" + p.style() + "-" + t.chunk();
        return new Accepted(SyntheticRecord.of(t.seed(), id, text, NAME, runId, parentRun, f));
    }

    private void emit(Future<Outcome> f, GenerationSink sink, Map<String, Long> counts) {
        Outcome o;
        try {
            o = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for completions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("completion task failed", e.getCause());
        }
        if (o instanceof Accepted a) {
            sink.accept(a.doc());
            counts.merge("accepted", 1L, Long::sum);
        } else if (o instanceof Rejected r) {
            sink.reject(r.seedId(), r.reason(), r.detail());
            counts.merge(r.reason(), 1L, Long::sum);
        }
    }

    private double cost(long promptTokens, long completionTokens) {
        return promptTokens / 1000.0 * config.pricePer1kPrompt() + completionTokens / 1000.0 * config.pricePer1kCompletion();
    }

    /** About four characters per token, the usual rule of thumb for English BPE vocabularies. */
    static long estimateTokens(String s) {
        return s == null || s.isEmpty() ? 0 : (s.length() + 3) / 4;
    }

    private long requestSeed(String seedId, int chunk) {
        return (SyntheticRecord.stableHash(seedId + "\u0000" + chunk) ^ config.seed()) & 0x7fffffffL;
    }
}
