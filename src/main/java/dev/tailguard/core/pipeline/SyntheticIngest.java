package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.JsonlLine;
import dev.tailguard.core.io.InputSources;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bring your own synthetic data (issue 11 item 6): reads the batch the user generated elsewhere
 * ({@code tailguard.synthetic.inputs}) into {@code synthetic/part-byo-*} instead of generating one. Lines are
 * validated like real input lines; malformed ones (and ids that repeat a real or an earlier synthetic id) go to
 * {@code quarantine/synthetic-malformed-*} with file, line and reason. Each document is marked as this run's
 * synthetic batch ({@code kind: synthetic}, {@code run_id}; {@code generation} 1 unless it says more;
 * {@code generator: external} unless it names one); {@code seed_ids} are kept when present and never required.
 */
final class SyntheticIngest {

    /** Generator name reported for a brought batch. */
    static final String EXTERNAL = "external";

    private SyntheticIngest() {
    }

    /**
     * The brought batch as ingested.
     *
     * @param files     the user's files or keys
     * @param synthetic shard keys under {@code synthetic/}
     * @param documents valid documents
     * @param malformed quarantine keys of malformed lines
     * @param bad       malformed lines
     * @param generator the generator entry of the manifest
     */
    record Brought(List<String> files, List<String> synthetic, long documents, List<String> malformed, long bad,
                   Map<String, Object> generator) {
    }

    static Brought ingest(RunContext ctx, SeenIds seenIds, InputIngest reader) {
        RunConfig cfg = ctx.config();
        ObjectStore store = ctx.store();
        RunLayout layout = ctx.layout();
        List<String> files = ctx.run().synthetic();
        ShardWriter out = new ShardWriter(store, layout.prefix("synthetic"), "part-byo", cfg.zstd(), cfg.shardSize());
        ShardWriter bad = new ShardWriter(store, layout.prefix("quarantine"), "synthetic-malformed", cfg.zstd(),
                cfg.shardSize());
        try {
            for (String f : files) {
                for (InputSources.Source src : reader.sources(f, "synthetic input")) {
                    reader.read(src, "synthetic input", line -> {
                        JsonlLine l = InputIngest.unique(line, seenIds, " (already in the input or the batch)");
                        if (l.valid()) {
                            out.write(Documents.toMap(mark(l.document(), ctx.runId())));
                        } else {
                            bad.write(Quarantine.line(l));
                        }
                    });
                }
            }
        } finally {
            out.close();
            bad.close();
        }
        if (out.total() == 0) {
            throw new PipelineFailure(GenerateStage.STAGE, "no valid document in the synthetic inputs " + files
                    + " (" + bad.total() + " malformed lines; see quarantine/)");
        }
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", EXTERNAL);
        generator.put("parameters", Map.of("files", files));
        return new Brought(files, out.keys(), out.total(), bad.keys(), bad.total(), generator);
    }

    /** Marks a brought document as this run's synthetic output, keeping what it says about itself. */
    static Document mark(Document d, String runId) {
        Map<String, Object> m = new LinkedHashMap<>(d.metadata());
        m.put(Provenance.KIND, "synthetic");
        m.put(Provenance.RUN_ID, runId);
        if (d.generation() < 1) {
            m.put(Provenance.GENERATION, 1);
        }
        m.putIfAbsent(Provenance.GENERATOR, EXTERNAL);
        return new Document(d.id(), d.text(), d.source(), m);
    }
}
