package dev.tailguard.core.collapse;

import java.util.List;

/**
 * A fixed-size window of word tokens cut from one document: the unit of the classifier two-sample test and of the
 * embedding sample, so that long and short documents give comparable sample counts.
 *
 * @param group  hash of the source document id (windows of one document share a cross-validation fold)
 * @param order  hash that orders windows for bounded, order-independent sampling (bottom-k)
 * @param tokens the tokens
 * @param doc    the source document's id (for per-document classifier scores)
 */
record Window(long group, long order, List<String> tokens, String doc) {

    /** The window as text for the embedding model (tokens joined by spaces). */
    String text() {
        return String.join(" ", tokens);
    }
}
