package dev.tailguard.core.generate;

import dev.tailguard.core.doc.Document;

import java.util.List;
import java.util.Map;

/**
 * Makes synthetic documents from seed documents. One instance serves one batch of one run; implementations
 * are the n-gram sampler ({@code ngram}), rule-based rephrasing ({@code rules}) and an OpenAI-compatible LLM
 * client ({@code llm}). Every emitted document must carry provenance metadata (see
 * {@link dev.tailguard.core.doc.Provenance}).
 */
public interface Generator extends AutoCloseable {

    /** Short generator name recorded in provenance, e.g. {@code ngram}. */
    String name();

    /** The parameters that determine the output (recorded in provenance and the report). */
    Map<String, Object> parameters();

    /**
     * Generates from the seeds, in order, writing each synthetic document or each rejected attempt to the sink.
     * Must not throw for one bad seed or one bad completion: those go to {@link GenerationSink#reject}.
     */
    void generate(List<Document> seeds, GenerationSink sink);

    @Override
    default void close() {
    }
}
