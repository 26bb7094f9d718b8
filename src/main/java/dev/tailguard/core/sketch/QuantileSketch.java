package dev.tailguard.core.sketch;

import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.memory.Memory;

/**
 * A mergeable quantile summary of a stream of doubles in bounded memory: Apache DataSketches' KLL sketch (Karnin,
 * Lang, Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016). With the default {@code k = 200} it keeps a
 * few thousand values whatever the stream length, and a quantile's rank is within {@link #normalizedRankError()}
 * (about 1.65% for k = 200) of the requested rank with 99% confidence. Shards of a run each keep a sketch; merging
 * them gives the same guarantee as one sketch over the whole stream. Not thread-safe.
 */
public final class QuantileSketch {
    /** DataSketches' default accuracy parameter. */
    public static final int DEFAULT_K = 200;

    private final KllDoublesSketch sketch;

    private QuantileSketch(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** An empty sketch with {@link #DEFAULT_K}. */
    public static QuantileSketch create() {
        return create(DEFAULT_K);
    }

    /**
     * An empty sketch with accuracy parameter k (8..65535; larger is more accurate and bigger).
     *
     * @throws IllegalArgumentException if k is out of range
     */
    public static QuantileSketch create(int k) {
        if (k < 8 || k > 65535) {
            throw new IllegalArgumentException("KLL k must be in 8..65535, got " + k);
        }
        return new QuantileSketch(KllDoublesSketch.newHeapInstance(k));
    }

    /**
     * Reads a sketch written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException if the bytes are not a serialised KLL doubles sketch
     */
    public static QuantileSketch fromBytes(byte[] bytes) {
        try {
            return new QuantileSketch(KllDoublesSketch.heapify(Memory.wrap(bytes)));
        } catch (SketchesException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a serialised quantile sketch (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Adds a value.
     *
     * @throws IllegalArgumentException if the value is NaN
     */
    public void update(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("NaN cannot be added to a quantile sketch");
        }
        sketch.update(value);
    }

    /** Adds every value of the other sketch (for example another shard's); the other sketch is unchanged. */
    public void merge(QuantileSketch other) {
        sketch.merge(other.sketch);
    }

    /** Number of values added (including those of merged sketches). */
    public long count() {
        return sketch.getN();
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /**
     * The approximate value at normalised rank {@code rank} in [0, 1] (inclusive search: the smallest retained value
     * whose rank is at least {@code rank}).
     *
     * @throws IllegalStateException if the sketch is empty
     * @throws IllegalArgumentException if rank is outside [0, 1]
     */
    public double quantile(double rank) {
        if (!(rank >= 0 && rank <= 1)) {
            throw new IllegalArgumentException("rank must be in [0, 1], got " + rank);
        }
        requireValues();
        return sketch.getQuantile(rank);
    }

    /**
     * The median as the mean of the inclusive and exclusive quantiles at rank ½: while the sketch is exact (fewer
     * values than about k, no compaction yet) this is the textbook median (the mean of the two middle values for an
     * even count), identical to sorting every value; beyond that it is within {@link #normalizedRankError()} in rank.
     *
     * @throws IllegalStateException if the sketch is empty
     */
    public double midMedian() {
        requireValues();
        return (sketch.getQuantile(0.5, QuantileSearchCriteria.INCLUSIVE)
                + sketch.getQuantile(0.5, QuantileSearchCriteria.EXCLUSIVE)) / 2;
    }

    /** True while the sketch holds every value added (no compaction: quantiles are exact and deterministic). */
    public boolean isExact() {
        return !sketch.isEstimationMode();
    }

    /** The approximate median, {@code quantile(0.5)}. */
    public double median() {
        return quantile(0.5);
    }

    /**
     * The approximate normalised rank of a value: the fraction of values &le; it.
     *
     * @throws IllegalStateException if the sketch is empty
     */
    public double rank(double value) {
        requireValues();
        return sketch.getRank(value);
    }

    /** Exact smallest value. @throws IllegalStateException if empty */
    public double min() {
        requireValues();
        return sketch.getMinItem();
    }

    /** Exact largest value. @throws IllegalStateException if empty */
    public double max() {
        requireValues();
        return sketch.getMaxItem();
    }

    /** Rank error bound (99% confidence) of {@link #quantile} and {@link #rank}, as a fraction of the count. */
    public double normalizedRankError() {
        return sketch.getNormalizedRankError(false);
    }

    /** The sketch in DataSketches' compact serial form (readable by the DataSketches Java, C++ and Python KLL). */
    public byte[] toBytes() {
        return sketch.toByteArray();
    }

    private void requireValues() {
        if (sketch.isEmpty()) {
            throw new IllegalStateException("quantile sketch is empty");
        }
    }
}
