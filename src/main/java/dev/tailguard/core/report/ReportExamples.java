package dev.tailguard.core.report;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Shards;
import dev.tailguard.core.store.ObjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Side-by-side examples for {@code index.html}: synthetic documents next to the real seed they were generated from.
 * When the classifier two-sample test ran ({@code collapse_risk.discriminator}), the examples are its most and least
 * real-looking synthetic documents with their scores; otherwise the first synthetic documents of the batch (blended or
 * not, marked). Texts are cut to {@value #EXCERPT} characters; the page escapes them.
 *
 * @param examples the pairs, in display order
 * @param note     how the examples were chosen
 */
public record ReportExamples(List<Example> examples, String note) {

    /** Characters of a document shown. */
    public static final int EXCERPT = 700;
    /** Examples shown when no discriminator score exists. */
    static final int FALLBACK = 2;

    /**
     * One example.
     *
     * @param label     why it is shown ("most real-looking", "least real-looking", "synthetic")
     * @param synthetic the synthetic document's id and excerpt
     * @param score     its discriminator score, or null
     * @param blended   whether it is in the blended output
     * @param seed      its first seed's id and excerpt, or null when the seed is not in the input
     */
    public record Example(String label, Excerpt synthetic, Double score, boolean blended, Excerpt seed) {
    }

    /**
     * A document cut for display.
     *
     * @param id   document id
     * @param text at most {@value #EXCERPT} characters (an ellipsis marks a cut)
     */
    public record Excerpt(String id, String text) {

        static Excerpt of(Document d) {
            String t = d.text();
            return new Excerpt(d.id(), t.length() <= EXCERPT ? t : t.substring(0, EXCERPT) + "\u2026");
        }
    }

    public ReportExamples {
        examples = List.copyOf(examples);
    }

    /**
     * Collects the examples.
     *
     * @param store          the object store
     * @param runId          the run
     * @param inputKeys      the real input shards (where seeds are)
     * @param syntheticKeys  the generated synthetic shards (before scoring and blending)
     * @param blendedKeys    the blended output
     * @param discriminator  report.json's {@code collapse_risk.discriminator} (may be empty)
     */
    public static ReportExamples collect(ObjectStore store, String runId, List<String> inputKeys,
                                         List<String> syntheticKeys, List<String> blendedKeys,
                                         Map<String, Object> discriminator) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        addScored(labels, scores, ReportJson.list(discriminator.get("most_real")), "most real-looking");
        addScored(labels, scores, ReportJson.list(discriminator.get("least_real")), "least real-looking");
        Set<String> blendedIds = new LinkedHashSet<>();
        Shards.forEachDocument(store, blendedKeys, d -> {
            if ("synthetic".equals(d.meta(Provenance.KIND)) && runId.equals(d.meta(Provenance.RUN_ID))) {
                blendedIds.add(d.id());
            }
        });
        boolean scored = !labels.isEmpty();
        Map<String, Document> synthetic = new LinkedHashMap<>();
        // documents are picked by id: the others are skipped on their id, never parsed
        Shards.forEachDocument(store, syntheticKeys, id -> scored ? labels.containsKey(id) : synthetic.size() < FALLBACK,
                d -> synthetic.put(d.id(), d));
        Map<String, String> seedOf = new HashMap<>();
        synthetic.values().forEach(d -> {
            Object ids = d.metadata() == null ? null : d.metadata().get(Provenance.SEED_IDS);
            if (ids instanceof List<?> l && !l.isEmpty()) {
                seedOf.put(d.id(), String.valueOf(l.get(0)));
            }
        });
        Set<String> wanted = new LinkedHashSet<>(seedOf.values());
        Map<String, Document> seeds = new HashMap<>();
        Shards.forEachDocument(store, inputKeys, wanted::contains, d -> seeds.put(d.id(), d));
        List<Example> out = new ArrayList<>();
        List<String> order = scored ? new ArrayList<>(labels.keySet()) : new ArrayList<>(synthetic.keySet());
        for (String id : order) {
            Document d = synthetic.get(id);
            if (d == null) {
                continue;
            }
            Document seed = seedOf.containsKey(id) ? seeds.get(seedOf.get(id)) : null;
            out.add(new Example(scored ? labels.get(id) : "synthetic", Excerpt.of(d), scores.get(id),
                    blendedIds.contains(id), seed == null ? null : Excerpt.of(seed)));
        }
        String note = scored
                ? "Scored by the classifier two-sample test (c2st_auc): the score is the mean out-of-fold probability "
                        + "that a window of the document is synthetic rather than from the real anchor; 0.5 or below "
                        + "reads like the anchor. Of " + discriminator.get("documents") + " scored synthetic documents."
                : "No discriminator score (the classifier two-sample test did not run on this batch): the first "
                        + FALLBACK + " synthetic documents of the batch.";
        return new ReportExamples(out, note);
    }

    private static void addScored(Map<String, String> labels, Map<String, Double> scores, List<Object> entries,
                                  String label) {
        for (Object o : entries) {
            Map<String, Object> e = ReportJson.map(o);
            String id = String.valueOf(e.get("id"));
            labels.putIfAbsent(id, label);
            if (e.get("score") instanceof Number n) {
                scores.put(id, n.doubleValue());
            }
        }
    }
}
