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
 * @param footprint          sizes of the bounded structures the measurement held; null when not recorded
 */
public record CollapseMeasurement(List<Signal> signals, List<String> missing, long blendedDocuments,
                                  long blendedTokens, long syntheticDocuments, double seconds,
                                  List<DiscriminatorScore> discriminator, Footprint footprint) {

    public CollapseMeasurement {
        signals = List.copyOf(signals);
        missing = List.copyOf(missing);
        discriminator = discriminator == null ? List.of() : List.copyOf(discriminator);
    }

    /**
     * What a measurement held in memory, by structure: each is bounded by configuration (or by the anchor), never by
     * the number of blended documents. Published in {@code report.json} {@code collapse_risk.sample}.
     *
     * @param lmMaxTokens        the LM training cap ({@link CollapseConfig#lmMaxTokens()}; 0 = none)
     * @param lmTrainedTokens    tokens of the blended LM sample the model was trained on
     * @param lmTrainedDocuments documents of that sample
     * @param lmHeldDocuments    documents the LM sample held as text (0 when uncapped: trained while streaming)
     * @param countedTypes       blended types counted (only the anchor's types are)
     * @param syntheticWindows   synthetic windows sampled (bottom-k by id hash)
     * @param anchorWindows      anchor windows sampled
     * @param anchorDocuments    anchor documents (the frozen anchor's size)
     */
    public record Footprint(long lmMaxTokens, long lmTrainedTokens, long lmTrainedDocuments, long lmHeldDocuments,
                            long countedTypes, long syntheticWindows, long anchorWindows, long anchorDocuments) {
    }

    /** A measurement with per-document classifier scores and no footprint. */
    public CollapseMeasurement(List<Signal> signals, List<String> missing, long blendedDocuments, long blendedTokens,
                               long syntheticDocuments, double seconds, List<DiscriminatorScore> discriminator) {
        this(signals, missing, blendedDocuments, blendedTokens, syntheticDocuments, seconds, discriminator, null);
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
