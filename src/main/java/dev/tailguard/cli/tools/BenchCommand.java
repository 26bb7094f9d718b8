package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.corpus.ReversePerplexity;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.io.JsonlObjects;
import dev.tailguard.core.dedup.MinHash;
import dev.tailguard.core.dedup.MinHashParams;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.PerplexityResult;
import dev.tailguard.core.metrics.CorpusMetrics;
import dev.tailguard.core.metrics.DocumentMetrics;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.quality.QualityPolicy;
import dev.tailguard.core.text.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code bench} benchmark (options parsed by {@code dev.tailguard.cli.BenchCli}). Streams the JSONL corpus (Jackson
 * streaming; each line an object with string fields {@code id} and {@code text}) and prints one JSON object:
 * full scoring throughput (per-document metrics + quality policy + all corpus states including MinHash-LSH, single
 * thread, MB of UTF-8 text per CPU second of this thread and per wall second), the pairwise sample metrics' time,
 * MinHash documents per CPU second, LM training and query tokens/s (per CPU second of the thread and per wall
 * second; CPU time is the robust figure on a shared machine) (modified Kneser-Ney of order N on 90% of the sentences,
 * queried on the other 10% repeated to the training size), and the scoring stage's heap: the sum of the heap
 * pools' peak usage (an upper bound that includes uncollected garbage) and the largest heap occupancy after a GC.
 * Run it with {@code -Xmx512m} to check the 512 MB target directly. {@code bench scale} runs the whole pipeline on
 * scaled corpora in separate JVMs ({@link ScaleBench}).
 */
public final class BenchCommand {

    /** Default {@code --input} of {@code bench}, {@code bench lm-cap} and {@code bench scale}, relative to the worktree. */
    public static final String DEFAULT_INPUT = "../shared/data/sotu.jsonl";

    private BenchCommand() {
    }

    /**
     * Runs the benchmark on {@code input} with a Kneser-Ney model of {@code order} (2..6, checked by the caller) and
     * prints one JSON object on {@code out}.
     *
     * @return 0 ok, 1 failure (unreadable or malformed input, named on {@code err})
     */
    public static int run(Path input, int order, PrintStream out, PrintStream err) {
        if (!Files.isReadable(input)) {
            err.println("bench: cannot read " + input);
            return 1;
        }
        try {
            out.println(Json.PRETTY.writeValueAsString(measure(input, order)));
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            return 1;
        }
    }

    /** A JSONL record's id and text. */
    public record Doc(String id, String text) {
    }

    /**
     * Streams the JSONL file ({@link JsonlObjects}), calling {@code sink} per record; a malformed line or a
     * missing/non-string {@code id}/{@code text} fails with the line number.
     *
     * @return the number of records
     */
    public static long stream(Path path, Consumer<Doc> sink) throws IOException {
        return JsonlObjects.forEach(path, JsonNode.class, (node, source, line) -> sink.accept(new Doc(
                JsonlObjects.requireText(node, "id", source, line), JsonlObjects.requireText(node, "text", source, line))));
    }

    /** The scored work: per-document metrics, quality policy and all corpus states, one thread. */
    private static CorpusMetrics score(Path path, long[] counts) throws IOException {
        CorpusMetrics corpus = new CorpusMetrics();
        QualityPolicy policy = new QualityPolicy();
        stream(path, d -> {
            List<String> tokens = Tokenizer.words(d.text());
            long[] th = NgramHash.tokens(tokens);
            DocumentMetrics.Result r = DocumentMetrics.evaluate(d.text(), tokens, th);
            if (policy.decide(r.rules()).keep()) {
                counts[2]++;
            }
            corpus.add(d.id(), d.text(), tokens, th);
            counts[0]++;
            counts[1] += d.text().getBytes(StandardCharsets.UTF_8).length;
        });
        return corpus;
    }

    static Map<String, Object> measure(Path path, int order) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input", path.toString());
        out.put("available_processors", Runtime.getRuntime().availableProcessors());
        out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);

        // warm-up: untimed scoring passes over at least 20 MB (at most 10 passes) so the JIT has compiled the hot paths
        long warmed = 0;
        for (int pass = 0; pass < 10 && warmed < 20_000_000; pass++) {
            long[] c = new long[3];
            score(path, c);
            warmed += Math.max(1, c[1]);
        }

        HeapWatch heap = new HeapWatch();
        System.gc();
        heap.reset();
        long[] counts = new long[3];
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CorpusMetrics corpus = score(path, counts);
        Map<String, Double> summary = corpus.summary();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        long scoringPeak = heap.poolPeaks();
        long scoringLive = heap.maxAfterGc();
        heap.reset();
        long p0 = System.nanoTime();
        Map<String, Double> pairwise = corpus.pairwise();
        double pairSeconds = (System.nanoTime() - p0) / 1e9;
        long pairPeak = heap.poolPeaks();
        heap.close();
        double mb = counts[1] / 1e6;
        out.put("documents", counts[0]);
        out.put("text_mb", mb);
        out.put("kept_by_quality_policy", counts[2]);
        out.put("scoring_seconds_wall", wall);
        out.put("scoring_seconds_cpu", cpu);
        out.put("scoring_mb_per_s_per_core", mb / cpu);
        out.put("scoring_mb_per_s_wall", mb / wall);
        out.put("scoring_peak_heap_mb", scoringPeak / 1e6);
        out.put("scoring_max_heap_after_gc_mb", scoringLive / 1e6);
        out.put("pairwise_sample_seconds", pairSeconds);
        out.put("pairwise_peak_heap_mb", pairPeak / 1e6);
        out.put("corpus_metrics", summary);
        out.put("pairwise_metrics", pairwise);

        List<List<String>> docs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        stream(path, d -> {
            docs.add(Tokenizer.words(d.text()));
            texts.add(d.text());
        });
        MinHash mh = new MinHash(MinHashParams.FINEWEB);
        long m0 = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (List<String> d : docs) {
            sink += mh.signature(d)[0];
        }
        double mhSeconds = (threads.getCurrentThreadCpuTime() - m0) / 1e9;
        out.put("minhash_docs_per_s", docs.size() / mhSeconds);
        out.put("minhash_mb_per_s", mb / mhSeconds);
        out.put("minhash_checksum", sink);
        docs.clear();

        List<List<String>> train = new ArrayList<>();
        List<List<String>> test = new ArrayList<>();
        int n = texts.size();
        for (int i = 0; i < n; i++) {
            boolean held = n >= 10 ? i % 10 == 9 : i == n - 1;
            (held ? test : train).addAll(ReversePerplexity.sentences(texts.get(i)));
        }
        if (train.isEmpty()) {
            train.addAll(test);
        }
        if (test.isEmpty() || train.isEmpty()) {
            throw new IllegalArgumentException(path + ": no sentences to train and query the LM on");
        }
        texts.clear();
        long trainTokens = 0;
        for (List<String> s : train) {
            trainTokens += s.size() + 1;
        }
        long l0 = System.nanoTime();
        long lc0 = threads.getCurrentThreadCpuTime();
        KneserNeyModel model = KneserNeyModel.train(train, order);
        double trainSeconds = (System.nanoTime() - l0) / 1e9;
        double trainCpu = (threads.getCurrentThreadCpuTime() - lc0) / 1e9;
        model.evaluate(test);
        long testTokens = 0;
        for (List<String> s : test) {
            testTokens += s.size() + 1;
        }
        int passes = (int) Math.max(1, trainTokens / Math.max(1, testTokens));
        long q0 = System.nanoTime();
        long qc0 = threads.getCurrentThreadCpuTime();
        PerplexityResult pr = null;
        for (int p = 0; p < passes; p++) {
            pr = model.evaluate(test);
        }
        double querySeconds = (System.nanoTime() - q0) / 1e9;
        double queryCpu = (threads.getCurrentThreadCpuTime() - qc0) / 1e9;
        out.put("lm_order", order);
        out.put("lm_train_tokens", trainTokens);
        out.put("lm_train_tokens_per_s_wall", trainTokens / trainSeconds);
        out.put("lm_train_tokens_per_s_cpu", trainTokens / trainCpu);
        out.put("lm_query_tokens", (long) passes * pr.tokens());
        out.put("lm_query_tokens_per_s_wall", passes * pr.tokens() / querySeconds);
        out.put("lm_query_tokens_per_s_cpu", passes * pr.tokens() / queryCpu);
        out.put("lm_heldout_perplexity", pr.perplexityIncludingOovs());
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("lm_query_tokens_per_s_cpu>=2e6", passes * pr.tokens() / queryCpu >= 2e6);
        targets.put("scoring_mb_per_s_per_core>=5", mb / cpu >= 5);
        targets.put("scoring_peak_heap_mb<=512", scoringPeak / 1e6 <= 512);
        out.put("targets_met", targets);
        return out;
    }

}
