package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.JsonlLine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Quarantine record layouts: every rejected line or document is written with its stage and reason. */
public final class Quarantine {

    private Quarantine() {
    }

    /** A malformed input line: stage, reason, detail, file, line, raw prefix. */
    public static Map<String, Object> line(JsonlLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", "generate");
        m.put("reason", l.reason());
        m.put("detail", l.detail());
        m.put("file", l.file());
        m.put("line", l.line());
        m.put("raw", l.raw());
        return m;
    }

    /** A rejected document with its reason. */
    public static Map<String, Object> document(String stage, String reason, String detail, Document d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("reason", reason);
        m.put("detail", detail);
        m.put("id", d.id());
        m.put("document", Documents.toMap(d));
        return m;
    }
}
