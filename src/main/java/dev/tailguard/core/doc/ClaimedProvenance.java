package dev.tailguard.core.doc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Input documents are untrusted: provenance-like metadata a corpus line carries ({@code kind=synthetic},
 * {@code generation}, {@code seed_ids}, {@code run_id}, ...) is the document's <em>claim</em>, not Tailguard's
 * provenance. {@link #untrust(Document)} moves every such field into one map under {@link #FIELD}, so the claim is
 * kept (a reviewer can see it) but never read as provenance: the document's {@link Document#generation()} is 0 and
 * it has no {@code kind}. Tailguard's own provenance is written only by the generators
 * ({@code dev.tailguard.core.generate.SyntheticRecord}).
 */
public final class ClaimedProvenance {

    /** Metadata field holding the provenance fields an input line claimed, as they were given. */
    public static final String FIELD = "claimed_provenance";

    /** Metadata keys Tailguard reserves for its own provenance (and the claim field itself). */
    public static final Set<String> RESERVED = Set.of(Provenance.GENERATOR, Provenance.MODEL, Provenance.STYLE,
            Provenance.PROMPT_ID, Provenance.PROMPT_SHA256, Provenance.TEMPERATURE, Provenance.TOP_K,
            Provenance.SEED_IDS, Provenance.GENERATION, Provenance.PARENT_RUN, Provenance.RUN_ID,
            Provenance.CONTENT_SHA256, Provenance.PARAMETERS, Provenance.RULES_APPLIED, Provenance.KIND, FIELD);

    private ClaimedProvenance() {
    }

    /**
     * The document with its provenance-like metadata moved under {@link #FIELD} (insertion order kept; a
     * pre-existing {@code claimed_provenance} value is itself kept inside the claim). Returns the same instance
     * when there is nothing to move.
     */
    public static Document untrust(Document d) {
        Map<String, Object> claim = new LinkedHashMap<>();
        Map<String, Object> kept = new LinkedHashMap<>();
        d.metadata().forEach((k, v) -> (RESERVED.contains(k) ? claim : kept).put(k, v));
        if (claim.isEmpty()) {
            return d;
        }
        kept.put(FIELD, claim);
        return new Document(d.id(), d.text(), d.source(), kept);
    }

    /** The provenance the document claimed on input (empty when none). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> claimOf(Document d) {
        Object v = d.metadata().get(FIELD);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
