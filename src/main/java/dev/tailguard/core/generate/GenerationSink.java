package dev.tailguard.core.generate;

import dev.tailguard.core.doc.Document;

/** Receives what a {@link Generator} produces: accepted synthetic documents and rejected attempts with reasons. */
public interface GenerationSink {

    /** A synthetic document with its provenance metadata. */
    void accept(Document synthetic);

    /**
     * An attempt that produced no usable document (malformed or empty completion, budget spent, ...).
     *
     * @param seedId the seed document id
     * @param reason a short machine-readable reason, e.g. {@code empty_completion}
     * @param detail human-readable detail (never secrets)
     */
    void reject(String seedId, String reason, String detail);
}
