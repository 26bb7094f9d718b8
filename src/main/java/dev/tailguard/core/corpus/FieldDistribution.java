package dev.tailguard.core.corpus;

import java.util.Map;
import java.util.TreeMap;

/**
 * Mergeable distribution of one metadata field's values (value → document count; missing values count under
 * {@link #MISSING}). Representation drift between real and synthetic text is the total-variation distance
 * TV = ½ Σ_v |p_real(v) − p_syn(v)| ∈ [0, 1].
 */
public final class FieldDistribution {

    /** Key for documents without the field. */
    public static final String MISSING = "<missing>";

    private final String field;
    private final Map<String, Long> counts = new TreeMap<>();
    private long total;

    /** Distribution of the named field. */
    public FieldDistribution(String field) {
        this.field = field;
    }

    /** Adds one document's metadata. */
    public void add(Map<String, Object> metadata) {
        Object v = metadata == null ? null : metadata.get(field);
        counts.merge(v == null ? MISSING : String.valueOf(v), 1L, Long::sum);
        total++;
    }

    /** Adds the other distribution (same field). */
    public void merge(FieldDistribution other) {
        if (!other.field.equals(field)) {
            throw new IllegalArgumentException("fields differ: " + field + " vs " + other.field);
        }
        other.counts.forEach((k, c) -> counts.merge(k, c, Long::sum));
        total += other.total;
    }

    /** Share of each value (sorted by value). */
    public Map<String, Double> shares() {
        Map<String, Double> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, (double) c / total));
        return out;
    }

    /** Documents counted. */
    public long total() {
        return total;
    }

    /** Field name. */
    public String field() {
        return field;
    }

    /** Total-variation distance between two distributions; 0 when either is empty. */
    public static double totalVariation(FieldDistribution a, FieldDistribution b) {
        if (a.total == 0 || b.total == 0) {
            return 0.0;
        }
        Map<String, Double> pa = a.shares();
        Map<String, Double> pb = b.shares();
        java.util.Set<String> keys = new java.util.TreeSet<>(pa.keySet());
        keys.addAll(pb.keySet());
        double s = 0;
        for (String k : keys) {
            s += Math.abs(pa.getOrDefault(k, 0.0) - pb.getOrDefault(k, 0.0));
        }
        return s / 2;
    }
}
