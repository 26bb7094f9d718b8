package dev.tailguard.core.collapse;

import java.util.List;

/**
 * All signals of one run against its anchor.
 *
 * @param signals            the measured signals (a signal that could not be computed is absent and named in
 *                           {@code missing})
 * @param missing            signals not computed, each with the reason
 * @param blendedDocuments   documents of the blended output
 * @param blendedTokens      their tokens
 * @param syntheticDocuments documents of the synthetic batch
 * @param seconds            wall time of the measurement
 * @param discriminator      per synthetic document, its classifier two-sample test score, most real-looking first
 *                           (empty when the test did not run)
 */
public record CollapseMeasurement(List<Signal> signals, List<String> missing, long blendedDocuments,
                                  long blendedTokens, long syntheticDocuments, double seconds,
                                  List<DiscriminatorScore> discriminator) {

    public CollapseMeasurement {
        signals = List.copyOf(signals);
        missing = List.copyOf(missing);
        discriminator = discriminator == null ? List.of() : List.copyOf(discriminator);
    }

    /** A measurement without per-document classifier scores. */
    public CollapseMeasurement(List<Signal> signals, List<String> missing, long blendedDocuments, long blendedTokens,
                               long syntheticDocuments, double seconds) {
        this(signals, missing, blendedDocuments, blendedTokens, syntheticDocuments, seconds, List.of());
    }

    /** The signal of this kind, or null when it was not computed. */
    public Signal get(SignalKind kind) {
        return signals.stream().filter(s -> s.signal() == kind).findFirst().orElse(null);
    }
}
