package dev.tailguard.core.collapse;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The frozen real anchor: held-out real documents that are never blended or trained on, the counts that size-match
 * recall, an embedding sample, and the generation-0 baseline of every signal. Built once by {@link AnchorBuilder}
 * and stored by {@link AnchorStore} under its content hash.
 *
 * @param version         artifact format version ({@link #VERSION})
 * @param split           the held-out split that chose the documents
 * @param config          signal settings, frozen so that every generation is measured like the baseline
 * @param documents       the held-out documents
 * @param anchorTokens    word tokens in the held-out documents
 * @param anchorCounts    count of every type in the held-out documents (its vocabulary; tail = count ≤
 *                        {@link CollapseConfig#tailMaxCount()})
 * @param realDocuments   documents of the real input outside the anchor (generation 0)
 * @param realTokens      their word tokens: N0, the size every recall is rarefied to
 * @param realTypes       distinct types of the real input outside the anchor
 * @param realCounts      count in the real input (outside the anchor) of every anchor type that occurs there
 * @param embedding       embeddings of up to {@link CollapseConfig#maxChunks()} anchor windows; null without an
 *                        embedding model
 * @param baseline        the generation-0 values (the real input measured as if it were the blended output)
 */
public record Anchor(int version, AnchorSplit split, CollapseConfig config, List<AnchorDocument> documents,
                     long anchorTokens, Map<String, Long> anchorCounts, long realDocuments, long realTokens,
                     long realTypes, Map<String, Long> realCounts, EmbeddingSample embedding,
                     CollapseBaseline baseline) {

    /** Current artifact format version. */
    public static final int VERSION = 1;

    public Anchor {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(baseline, "baseline");
        documents = List.copyOf(documents);
        anchorCounts = Collections.unmodifiableMap(new TreeMap<>(anchorCounts));
        realCounts = Collections.unmodifiableMap(new TreeMap<>(realCounts));
    }

    /** Number of tail types (anchor count ≤ tail-max-count). */
    public long tailTypes() {
        return anchorCounts.values().stream().filter(c -> c <= config.tailMaxCount()).count();
    }
}
