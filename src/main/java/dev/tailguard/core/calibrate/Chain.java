package dev.tailguard.core.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The calibration chains whose truth is known. Every chain runs the real pipeline; generation k+1's input is
 * generation k's blended output.
 */
public enum Chain {
    /** The pipeline's {@code replace} at a high synthetic ratio with the real-data floor lowered to match. */
    REPLACE(true),
    /** The pipeline's {@code accumulate} at its default ratio (one synthetic budget per generation). */
    ACCUMULATE(true),
    /** Fresh held-out real documents brought as the synthetic batch ({@code --synthetic}): never flagged is right. */
    CONTROL(false),
    /** An order-1 sampler's output (words drawn from the input's unigram distribution) as the synthetic batch. */
    SALAD(true),
    /** The default generator (order-3 n-gram, accumulate at 0.3) at generation 1. */
    TRIGRAM(true);

    private final boolean collapsing;

    Chain(boolean collapsing) {
        this.collapsing = collapsing;
    }

    /** The known truth: whether a point of this chain carries degraded (synthetic) data. */
    public boolean collapsing() {
        return collapsing;
    }

    /** Lower-case name used on the command line and in JSON. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All chains, comma-separated (the default of {@code --chains}). */
    public static final String ALL = "replace,accumulate,control,salad,trigram";

    /**
     * Parses a comma-separated list.
     *
     * @throws IllegalArgumentException naming the unknown chain
     */
    public static List<Chain> parseList(String csv) {
        List<Chain> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            String k = s.strip();
            if (k.isEmpty()) {
                continue;
            }
            Chain c = null;
            for (Chain x : values()) {
                if (x.key().equals(k)) {
                    c = x;
                }
            }
            if (c == null) {
                throw new IllegalArgumentException("unknown chain '" + k + "' (known: " + ALL + ")");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no chain given (known: " + ALL + ")");
        }
        return List.copyOf(out);
    }
}
