package dev.tailguard.core.io;

import dev.tailguard.core.doc.Document;

import java.util.LinkedHashMap;
import java.util.Map;

/** Converts documents to and from the JSONL object layout {@code {"id","text","source","metadata"}}. */
public final class Documents {

    private Documents() {
    }

    /** The document as an insertion-ordered JSON object. */
    public static Map<String, Object> toMap(Document d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("text", d.text());
        m.put("source", d.source());
        m.put("metadata", d.metadata());
        return m;
    }

    /** Reads a document back from a JSON object written by {@link #toMap}. */
    @SuppressWarnings("unchecked")
    public static Document fromMap(Map<String, Object> m) {
        return new Document(String.valueOf(m.get("id")), String.valueOf(m.get("text")),
                m.get("source") == null ? null : String.valueOf(m.get("source")),
                (Map<String, Object>) m.get("metadata"));
    }
}
