package dev.tailguard.core.generate;

import dev.tailguard.core.doc.Document;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what a generate stage asked for and got: batches requested, documents accepted and rejections per reason.
 * Wrap the stage's sink with {@link #counting(GenerationSink)}, call {@link #batch()} before each
 * {@code generate} call, and hand the tally to {@link MinimumDocuments#check}. Thread-safe.
 */
public final class GenerationTally {

    private long batches;
    private long accepted;
    private final Map<String, Long> rejected = new TreeMap<>();

    /** One more batch requested from a generator. */
    public synchronized void batch() {
        batches++;
    }

    /** The sink, counting what passes through it. */
    public GenerationSink counting(GenerationSink sink) {
        return new GenerationSink() {
            @Override
            public void accept(Document synthetic) {
                sink.accept(synthetic);
                synchronized (GenerationTally.this) {
                    accepted++;
                }
            }

            @Override
            public void reject(String seedId, String reason, String detail) {
                sink.reject(seedId, reason, detail);
                synchronized (GenerationTally.this) {
                    rejected.merge(reason, 1L, Long::sum);
                }
            }
        };
    }

    public synchronized long batches() {
        return batches;
    }

    public synchronized long accepted() {
        return accepted;
    }

    /** Rejections per reason, sorted by reason. */
    public synchronized Map<String, Long> rejected() {
        return Map.copyOf(rejected);
    }
}
