package dev.tailguard.core.collapse;

import java.util.Objects;

/**
 * One measured signal against the anchor.
 *
 * @param signal     which signal
 * @param value      the measured value
 * @param ci         its 95% interval; for perplexity and recall the interval of the difference (or ratio) paired
 *                   with the baseline over the same anchor documents or types, placed around the value
 * @param baseline   the generation-0 value (the real input measured the same way)
 * @param sampleSize units behind the value (tokens, windows, types or embedded windows; see {@code unit})
 * @param anchorSize anchor units behind the value (documents, windows or types)
 * @param unit       what sampleSize and anchorSize count
 * @param comparable false when the sample could not be matched to the baseline's size; the policy then ignores it
 * @param note       how the number was obtained (sizes, test, null distribution)
 */
public record Signal(SignalKind signal, double value, Interval ci, double baseline, long sampleSize, long anchorSize,
                     String unit, boolean comparable, String note) {

    public Signal {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(ci, "ci");
        if (!Double.isFinite(value) || !Double.isFinite(baseline)) {
            throw new IllegalArgumentException(signal.key() + ": value and baseline must be finite, got " + value
                    + " and " + baseline);
        }
    }
}
