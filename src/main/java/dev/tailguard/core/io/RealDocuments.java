package dev.tailguard.core.io;

import dev.tailguard.core.doc.Document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole real JSONL corpus in memory, read with {@link JsonlReader} (so {@code .gz}/{@code .zst} by content and the
 * reader's line checks apply). For the calibration tools, which need every document at once; the pipeline stages
 * stream instead.
 */
public final class RealDocuments {

    private RealDocuments() {
    }

    /**
     * The documents of {@code corpus}, in file order.
     *
     * @throws IllegalArgumentException naming {@code file:line} for a malformed line, a duplicate id or a synthetic
     *                                  document (generation above 0)
     */
    public static List<Document> read(Path corpus) throws IOException {
        List<Document> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (JsonlReader r = JsonlReader.open(corpus, ReadOptions.defaults())) {
            while (r.hasNext()) {
                JsonlLine l = r.next();
                if (!l.valid()) {
                    throw new IllegalArgumentException(l.file() + ":" + l.line() + ": " + l.reason()
                            + (l.detail() == null ? "" : " (" + l.detail() + ")"));
                }
                Document d = l.document();
                if (!ids.add(d.id())) {
                    throw new IllegalArgumentException(l.file() + ":" + l.line() + ": duplicate id '" + d.id() + "'");
                }
                if (d.generation() > 0) {
                    throw new IllegalArgumentException(l.file() + ":" + l.line() + ": document '" + d.id()
                            + "' has generation " + d.generation() + "; a real corpus is needed");
                }
                out.add(d);
            }
        }
        return out;
    }
}
