package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's record counts (report.json {@code counts}) gathered from the stage manifests, and the invariants
 * checked before a run reports success, including that the shards on disk hold exactly those numbers of records.
 */
public final class RunAccounting {

    private RunAccounting() {
    }

    /** The counts, in report order. */
    public static Map<String, Long> counts(Map<String, Object> gen, Map<String, Object> score, Map<String, Object> blend) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("lines_read", Manifest.count(gen, "lines_read"));
        c.put("malformed", Manifest.count(gen, "malformed"));
        c.put("anchor_held_out", Manifest.count(gen, "anchor_held_out"));
        c.put("real", Manifest.count(gen, "real"));
        c.put("real_blended", Manifest.count(blend, "real_blended"));
        c.put("real_unused", Manifest.count(blend, "real_unused"));
        c.put("real_quarantined", Manifest.count(score, "real_quarantined"));
        c.put("synthetic_generated", Manifest.count(gen, "synthetic_generated"));
        c.put("synthetic_blended", Manifest.count(blend, "synthetic_blended"));
        c.put("synthetic_quarantined", Manifest.count(gen, "synthetic_quarantined")
                + Manifest.count(score, "synthetic_quarantined") + Manifest.count(blend, "synthetic_quarantined"));
        c.put("blended", Manifest.count(blend, "blended"));
        c.put("generation_rejected", Manifest.count(gen, "generation_rejected"));
        return c;
    }

    /** The arithmetic invariants of issue 3; returns the violations (empty when all hold). */
    public static List<String> checkArithmetic(Map<String, Long> c) {
        List<String> v = new ArrayList<>();
        eq(v, "lines_read = malformed + anchor_held_out + real", c.get("lines_read"),
                c.get("malformed") + c.getOrDefault("anchor_held_out", 0L) + c.get("real"));
        eq(v, "real = real_blended + real_unused + real_quarantined", c.get("real"),
                c.get("real_blended") + c.get("real_unused") + c.get("real_quarantined"));
        eq(v, "synthetic_generated = synthetic_blended + synthetic_quarantined", c.get("synthetic_generated"),
                c.get("synthetic_blended") + c.get("synthetic_quarantined"));
        eq(v, "blended = real_blended + synthetic_blended", c.get("blended"), c.get("real_blended") + c.get("synthetic_blended"));
        return v;
    }

    /**
     * Counts the records on disk and compares them with the counts; returns the violations. In {@code blended/} a
     * record is this run's synthetic one when its {@code kind} is synthetic and its {@code run_id} is this run;
     * every other record came from the input (possibly synthetic text of an earlier run).
     */
    public static List<String> checkDisk(ObjectStore store, Map<String, Long> c, Map<String, Object> gen,
                                         Map<String, Object> score, Map<String, Object> blend) {
        List<String> v = new ArrayList<>();
        eq(v, "records in input/ = real", Shards.count(store, Manifest.keys(gen, "input")), c.get("real"));
        eq(v, "records in quarantine/malformed-* = malformed",
                Shards.count(store, Manifest.keys(gen, "quarantine_malformed")), c.get("malformed"));
        long synOnDisk = Shards.count(store, Manifest.keys(gen, "synthetic"))
                + Shards.count(store, Manifest.keys(gen, "quarantine_synthetic"));
        eq(v, "records in synthetic/ (+ generate-gate quarantine) = synthetic_generated", synOnDisk, c.get("synthetic_generated"));
        eq(v, "records in quarantine/real-score-* = real_quarantined",
                Shards.count(store, Manifest.keys(score, "quarantine_real")), c.get("real_quarantined"));
        long synQ = Shards.count(store, Manifest.keys(gen, "quarantine_synthetic"))
                + Shards.count(store, Manifest.keys(score, "quarantine_synthetic"))
                + Shards.count(store, Manifest.keys(score, "quarantine_synthetic_gate"))
                + Shards.count(store, Manifest.keys(blend, "quarantine_synthetic"));
        eq(v, "synthetic records in quarantine/ = synthetic_quarantined", synQ, c.get("synthetic_quarantined"));
        eq(v, "records in quarantine/generate-rejected-* = generation_rejected",
                Shards.count(store, Manifest.keys(gen, "quarantine_rejected")), c.get("generation_rejected"));
        long[] kinds = new long[2];
        String runId = String.valueOf(gen.get("run_id"));
        Shards.forEachDocument(store, Manifest.keys(blend, "blended"),
                d -> kinds["synthetic".equals(d.meta(Provenance.KIND)) && runId.equals(d.meta(Provenance.RUN_ID)) ? 1 : 0]++);
        eq(v, "real records in blended/ = real_blended", kinds[0], c.get("real_blended"));
        eq(v, "synthetic records in blended/ = synthetic_blended", kinds[1], c.get("synthetic_blended"));
        eq(v, "records in scores/ = real + synthetic scored",
                Shards.count(store, Manifest.keys(score, "scores_real")) + Shards.count(store, Manifest.keys(score, "scores_synthetic")),
                c.get("real") + c.get("synthetic_generated") - Manifest.count(gen, "synthetic_quarantined"));
        return v;
    }

    private static void eq(List<String> v, String what, long a, long b) {
        if (a != b) {
            v.add(what + " (" + a + " != " + b + ")");
        }
    }
}
