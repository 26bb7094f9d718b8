package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.Anchor;
import dev.tailguard.core.collapse.AnchorBuilder;
import dev.tailguard.core.collapse.AnchorDocument;
import dev.tailguard.core.collapse.AnchorRef;
import dev.tailguard.core.collapse.AnchorStore;
import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.collapse.CollapseSettings;
import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, while the real input is ingested, which documents are the collapse anchor, and freezes or finds it
 * (issue 11 item 1):
 * <ul>
 *   <li>an explicit anchor ({@code tailguard.collapse.anchor}: an object key or a local anchor file) is used as
 *       given; input documents with an anchor document's id are held out;</li>
 *   <li>a run whose input has Tailguard lineage (a document with {@code generation} &gt; 0, {@code kind: synthetic},
 *       a {@code run_id}/{@code parent_run}, or an input under {@code runs/<id>/}) reuses the anchor of its parent
 *       run's {@code report.json} and never splits again; without one it has no anchor (verdict
 *       {@code unanchored});</li>
 *   <li>any other run freezes one: {@link AnchorSplit#isAnchor} documents go to an {@link AnchorBuilder} and are
 *       never written to {@code input/}.</li>
 * </ul>
 * The split depends only on document ids, so the result is the same for any order or worker count.
 */
final class AnchorIngest {

    private static final Pattern RUN_INPUT = Pattern.compile("^(?:store:)?runs/([^/]+)/");

    private final String source;
    private final AnchorBuilder builder;
    private final AnchorFeed feed;
    private final Set<String> anchorIds;
    private final AnchorRef ref;
    private final String parentRun;
    private final boolean syntheticOrigin;
    private long heldOut;
    private String absent;

    private AnchorIngest(String source, Supplier<AnchorBuilder> builders, Set<String> anchorIds, AnchorRef ref,
                         String parentRun, boolean syntheticOrigin) {
        this.source = source;
        this.builder = builders == null ? null : builders.get();
        this.feed = builder == null ? null : new AnchorFeed(builder, builders, builder.split());
        this.anchorIds = anchorIds;
        this.ref = ref;
        this.parentRun = parentRun;
        this.syntheticOrigin = syntheticOrigin;
    }

    /**
     * What the input's lineage says, gathered in a first pass over the valid documents.
     *
     * @param syntheticOrigin a document is of synthetic origin or carries Tailguard provenance
     * @param parents         parent run ids (from metadata and from input locations)
     */
    record Lineage(boolean syntheticOrigin, TreeSet<String> parents) {

        static Lineage of(Iterable<String> inputs) {
            TreeSet<String> parents = new TreeSet<>();
            boolean origin = false;
            for (String in : inputs) {
                Matcher m = RUN_INPUT.matcher(in);
                if (m.find()) {
                    parents.add(m.group(1));
                    origin = true;
                }
            }
            return new Lineage(origin, parents);
        }

        Lineage with(Document d) {
            boolean origin = syntheticOrigin || d.generation() > 0 || "synthetic".equals(d.meta(Provenance.KIND))
                    || ClaimedProvenance.claimsSyntheticOrigin(d);
            for (String k : new String[]{Provenance.RUN_ID, Provenance.PARENT_RUN}) {
                Object r = d.meta(k);
                if (r != null) {
                    parents.add(String.valueOf(r));
                    origin = true;
                }
            }
            return origin == syntheticOrigin ? this : new Lineage(origin, parents);
        }
    }

    /**
     * Chooses how this run gets its anchor.
     *
     * @param explicit {@code tailguard.collapse.anchor}, or null
     * @param lineage  the first pass over the input
     * @throws PipelineFailure when the explicit anchor cannot be read
     */
    static AnchorIngest start(ObjectStore store, String explicit, Lineage lineage) {
        return start(store, explicit, lineage, CollapseSettings.defaults());
    }

    /**
     * Chooses how this run gets its anchor; a root run freezes one with the deployment's split and signal settings.
     *
     * @param explicit {@code tailguard.collapse.anchor}, or null
     * @param lineage  the first pass over the input
     * @param settings {@code tailguard.collapse.*}
     * @throws PipelineFailure when the explicit anchor cannot be read
     */
    static AnchorIngest start(ObjectStore store, String explicit, Lineage lineage, CollapseSettings settings) {
        if (explicit != null) {
            Loaded l = load(store, explicit);
            return new AnchorIngest(AnchorUse.EXPLICIT, null, ids(l.anchor()), l.ref(), null, lineage.syntheticOrigin());
        }
        if (lineage.syntheticOrigin()) {
            List<String> absent = new ArrayList<>();
            for (String parent : lineage.parents()) {
                AnchorRef r = parentAnchor(store, parent);
                if (r != null && exists(store, r.key())) {
                    Anchor a = read(store, r, "anchor of parent run " + parent);
                    return new AnchorIngest(AnchorUse.PARENT, null, ids(a), r, parent, true);
                }
                if (r != null) {
                    absent.add("parent run " + parent + " names anchor " + r.key() + ", which is not in this store");
                }
            }
            AnchorIngest none = new AnchorIngest(AnchorUse.NONE, null, Set.of(), null, null, true);
            none.absent = absent.isEmpty() ? null : String.join("; ", absent);
            return none;
        }
        return new AnchorIngest(AnchorUse.FROZEN, () -> new AnchorBuilder(settings.split(), settings.config()),
                Set.of(), null, null, false);
    }

    /** Whether this valid input document is held out (an anchor document): then it must not be written to input/. */
    boolean holdOut(Document d) {
        boolean held = feed != null ? feed.add(d) : anchorIds.contains(d.id());
        if (held) {
            heldOut++;
        }
        return held;
    }

    /** Freezes the anchor without an embedding sample (when this run builds one) and says how the run found it. */
    AnchorUse finish(ObjectStore store) {
        return finish(store, null);
    }

    /**
     * Freezes the anchor (when this run builds one) with an embedding sample of at most
     * {@code tailguard.collapse.embedding.max-chunks} windows when {@code services} has an embedding model, and says
     * how the run found it.
     */
    AnchorUse finish(ObjectStore store, CollapseServices services) {
        if (builder == null) {
            String note = ref != null ? null : "the input holds documents of synthetic origin (Tailguard lineage) and no"
                    + " parent report names a readable anchor" + (absent == null ? "" : " (" + absent + ")")
                    + "; give one with --anchor (tailguard.collapse.anchor)";
            return new AnchorUse(source, ref, parentRun, syntheticOrigin, heldOut, note);
        }
        Anchor anchor;
        try {
            anchor = feed.drain().build(services == null ? null : services.embedder());
        } catch (IllegalStateException e) {
            return new AnchorUse(AnchorUse.NONE, null, null, false, heldOut, "no anchor: " + e.getMessage());
        }
        try {
            return new AnchorUse(source, AnchorStore.write(store, anchor), null, false, heldOut, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Loaded(AnchorRef ref, Anchor anchor) {
    }

    /** Reads an explicit anchor: an object key in the store ({@code store:} optional) or a local anchor file. */
    private static Loaded load(ObjectStore store, String explicit) {
        String key = explicit.startsWith("store:") ? explicit.substring("store:".length()) : explicit;
        Path file = null;
        try {
            file = Path.of(explicit);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        try {
            if (!explicit.startsWith("store:") && file != null && Files.isRegularFile(file)) {
                Anchor a = Json.MAPPER.readValue(file.toFile(), Anchor.class);
                if (a.version() != Anchor.VERSION) {
                    throw new PipelineFailure(GenerateStage.STAGE, "anchor file " + explicit + ": version "
                            + a.version() + " is not supported (expected " + Anchor.VERSION + ")");
                }
                AnchorRef r = AnchorStore.write(store, a);
                return new Loaded(r, AnchorStore.read(store, r));
            }
            if (!key.startsWith(AnchorStore.PREFIX) || !key.endsWith(".json") || !store.exists(key)) {
                throw new PipelineFailure(GenerateStage.STAGE, "anchor not found: " + explicit
                        + " (expected a local anchor file or a stored key " + AnchorStore.PREFIX + "v"
                        + Anchor.VERSION + "/<sha256>.json)");
            }
            String sha = key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length());
            Anchor a = read(store, new AnchorRef(key, sha, 0, 0), "anchor " + explicit);
            return new Loaded(new AnchorRef(key, sha, a.documents().size(), a.anchorTokens()), a);
        } catch (IOException | IllegalArgumentException e) {
            throw new PipelineFailure(GenerateStage.STAGE, "cannot read anchor " + explicit + ": " + e.getMessage());
        }
    }

    private static Anchor read(ObjectStore store, AnchorRef r, String what) {
        try {
            return AnchorStore.read(store, r);
        } catch (IOException | IllegalArgumentException e) {
            throw new PipelineFailure(GenerateStage.STAGE, "cannot read " + what + ": " + e.getMessage());
        }
    }

    /** The anchor named by a parent run's report.json, or null when it has none (or no readable report). */
    @SuppressWarnings("unchecked")
    static AnchorRef parentAnchor(ObjectStore store, String parent) {
        RunLayout layout;
        try {
            layout = new RunLayout(parent);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            if (!store.exists(layout.reportJson())) {
                return null;
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        Object a = Manifest.read(store, layout.reportJson()).get("anchor");
        if (!(a instanceof Map<?, ?> m) || m.get("key") == null) {
            return null;
        }
        return Json.MAPPER.convertValue(m, AnchorRef.class);
    }

    private static boolean exists(ObjectStore store, String key) {
        try {
            return store.exists(key);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> ids(Anchor a) {
        Set<String> out = new HashSet<>();
        for (AnchorDocument d : a.documents()) {
            out.add(d.id());
        }
        return out;
    }
}
