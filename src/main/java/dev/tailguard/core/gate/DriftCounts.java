package dev.tailguard.core.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects, per metadata field, the value counts of real and synthetic documents (a missing value counts as
 * {@value #MISSING}, as in the drift metric) and turns them into {@link Evidence.Drift}. Not thread-safe.
 */
public final class DriftCounts {

    /** Key for documents without the field. */
    public static final String MISSING = "<missing>";

    private final List<String> fields;
    private final Map<String, Map<String, Long>> real = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> synthetic = new LinkedHashMap<>();

    /** Counts for the given fields. */
    public DriftCounts(List<String> fields) {
        this.fields = List.copyOf(fields);
        for (String f : this.fields) {
            real.put(f, new TreeMap<>());
            synthetic.put(f, new TreeMap<>());
        }
    }

    /** Adds a real document's metadata. */
    public void addReal(Map<String, Object> metadata) {
        add(real, metadata);
    }

    /** Adds a synthetic document's metadata (after any seed-field inheritance). */
    public void addSynthetic(Map<String, Object> metadata) {
        add(synthetic, metadata);
    }

    private void add(Map<String, Map<String, Long>> into, Map<String, Object> metadata) {
        for (String f : fields) {
            Object v = metadata == null ? null : metadata.get(f);
            into.get(f).merge(v == null ? MISSING : String.valueOf(v), 1L, Long::sum);
        }
    }

    /** Evidence over all fields (the aggregate {@code drift_tv} gate). */
    public Evidence.Drift all() {
        List<Evidence.FieldSamples> out = new ArrayList<>();
        for (String f : fields) {
            out.add(new Evidence.FieldSamples(f, real.get(f), synthetic.get(f)));
        }
        return new Evidence.Drift(out);
    }

    /** Evidence of one field (a {@code drift_tv_<field>} gate). */
    public Evidence.Drift field(String f) {
        if (!real.containsKey(f)) {
            throw new IllegalArgumentException("field not counted: " + f);
        }
        return new Evidence.Drift(List.of(new Evidence.FieldSamples(f, real.get(f), synthetic.get(f))));
    }
}
