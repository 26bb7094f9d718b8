package dev.tailguard.core.doc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One corpus record: {@code {"id","text","source","metadata"}}, the JSONL line format Tailguard reads and writes.
 * Metadata holds the provenance of synthetic documents (see {@link Provenance}) and any user fields
 * (for example {@code year}, {@code party}).
 *
 * @param id       stable identifier, unique within a corpus
 * @param text     the document text, never null
 * @param source   where the document came from (a corpus name or a generator)
 * @param metadata free-form fields; never null, insertion-ordered
 */
public record Document(String id, String text, String source, Map<String, Object> metadata) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Returns a copy with one metadata field added or replaced. */
    public Document withMeta(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new Document(id, text, source, m);
    }

    /** Returns the metadata field as a string, or null when absent. */
    public String meta(String key) {
        Object v = metadata.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The generation number: 0 for real text, k+1 for text generated from generation-k data. */
    public int generation() {
        Object v = metadata.get(Provenance.GENERATION);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
