package dev.tailguard.core.generate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.GenerationSink;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Throughput of the rules generator on a JSONL corpus (not a unit test). Streams the file in batches of 32.
 * Usage: {@code RulesBench <corpus.jsonl> [passes]}; the first pass also fills the synonym cache. Reports wall
 * time and the main thread's CPU time (robust on a shared machine).
 */
public final class RulesBench {

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/data/sotu.jsonl");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        WordNetLexicon.dictionary();
        System.out.printf("wordnet load: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        ObjectMapper json = new ObjectMapper();
        for (int pass = 1; pass <= passes; pass++) {
            RulesGenerator g = new RulesGenerator(RulesConfig.defaults().withSeed(pass), "bench", null);
            Map<String, Integer> rules = new TreeMap<>();
            long[] counts = new long[3];
            GenerationSink sink = new GenerationSink() {
                @Override
                public void accept(Document d) {
                    counts[0]++;
                    counts[2] += d.text().length();
                    @SuppressWarnings("unchecked") List<String> applied = (List<String>) d.metadata().get("rules_applied");
                    applied.forEach(r -> rules.merge(r, 1, Integer::sum));
                    rules.merge("style=" + d.meta("style"), 1, Integer::sum);
                }

                @Override
                public void reject(String seedId, String reason, String detail) {
                    counts[1]++;
                }
            };
            long chars = 0;
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
                List<Document> batch = new ArrayList<>();
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode n = json.readTree(line);
                    if (!n.hasNonNull("id") || !n.hasNonNull("text")) {
                        throw new IllegalArgumentException(corpus + " line " + lineNo + ": missing id or text");
                    }
                    Document d = new Document(n.get("id").asText(), n.get("text").asText(), n.path("source").asText(null),
                            Map.of());
                    chars += d.text().length();
                    batch.add(d);
                    if (batch.size() == 32) {
                        g.generate(batch, sink);
                        batch.clear();
                    }
                }
                g.generate(batch, sink);
            }
            double s = (System.nanoTime() - start) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            long docs = counts[0] + counts[1];
            System.out.printf("pass %d: %d docs (%d rejected) in %.2f s wall = %.1f docs/s (%.2f MB/s); %.2f s CPU = "
                    + "%.1f docs/CPU-s; rules %s%n", pass, docs, counts[1], s, docs / s, chars / s / 1e6, cpu,
                    docs / cpu, rules);
        }
    }
}
