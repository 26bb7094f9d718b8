package dev.tailguard.core.doc;

/** Metadata keys every synthetic document carries. Real documents carry {@link #GENERATION} = 0 at most. */
public final class Provenance {
    public static final String GENERATOR = "generator";
    public static final String MODEL = "model";
    public static final String STYLE = "style";
    public static final String PROMPT_ID = "prompt_id";
    public static final String PROMPT_SHA256 = "prompt_sha256";
    public static final String TEMPERATURE = "temperature";
    public static final String TOP_K = "top_k";
    public static final String SEED_IDS = "seed_ids";
    public static final String GENERATION = "generation";
    public static final String PARENT_RUN = "parent_run";
    public static final String RUN_ID = "run_id";
    public static final String CONTENT_SHA256 = "content_sha256";
    public static final String PARAMETERS = "parameters";
    public static final String RULES_APPLIED = "rules_applied";
    /** "real" or "synthetic". */
    public static final String KIND = "kind";

    private Provenance() {
    }
}
