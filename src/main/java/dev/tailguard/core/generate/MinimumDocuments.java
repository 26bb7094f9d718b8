package dev.tailguard.core.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The floor under a generate stage's output ({@code tailguard.generate.min-documents}): a stage that yields fewer
 * synthetic documents fails with the causes counted instead of reporting success. The default is one document per
 * batch the stage asked a generator for, so a generator that produced nothing for a whole batch never passes.
 */
public final class MinimumDocuments {

    /** Config key: the least number of synthetic documents a generate stage must yield; unset = one per batch. */
    public static final String KEY = "tailguard.generate.min-documents";

    private final Long configured;

    /** @param configured the minimum, or null for the default (one per requested batch) */
    public MinimumDocuments(Long configured) {
        if (configured != null && configured < 0) {
            throw new IllegalArgumentException(KEY + " must be >= 0, got " + configured);
        }
        this.configured = configured;
    }

    /** From the config value of {@link #KEY} (null or blank = default). */
    public static MinimumDocuments parse(String value) {
        if (value == null || value.isBlank()) {
            return new MinimumDocuments(null);
        }
        try {
            return new MinimumDocuments(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY + ": cannot parse '" + value + "'");
        }
    }

    /** The documents required for a stage that requested that many batches. */
    public long required(long requestedBatches) {
        return configured != null ? configured : requestedBatches;
    }

    /**
     * Fails when the tally is below the minimum.
     *
     * @throws GenerationFailedException {@link GenerationFailedException.Reason#TOO_FEW_DOCUMENTS} with the counts
     */
    public void check(GenerationTally tally) {
        long need = required(tally.batches());
        if (tally.accepted() < need) {
            Map<String, Long> counts = new LinkedHashMap<>(tally.rejected());
            counts.put("accepted", tally.accepted());
            counts.put("batches", tally.batches());
            throw new GenerationFailedException(GenerationFailedException.Reason.TOO_FEW_DOCUMENTS,
                    "generate yielded " + tally.accepted() + " synthetic documents, fewer than the " + need
                            + " required (" + KEY + (configured == null ? " default: one per batch" : "") + "); causes:",
                    counts);
        }
    }
}
