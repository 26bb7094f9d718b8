package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.AnchorRef;

/**
 * How a run found the real anchor its collapse verdict is measured against (generate manifest {@code anchor};
 * {@code report.json} {@code anchor} is {@link #ref}).
 *
 * @param source          {@code frozen} (held out of this run's real input now), {@code parent} (reused from the
 *                        parent run's report), {@code explicit} ({@code tailguard.collapse.anchor}) or {@code none}
 * @param ref             the stored anchor, or null when there is none
 * @param parentRun       the parent run whose anchor was reused, or null
 * @param syntheticOrigin whether the input holds documents of synthetic origin or with Tailguard lineage
 * @param heldOut         input documents held out because they are anchor documents (never written to
 *                        {@code input/}, never blended or trained on)
 * @param note            why there is no anchor, or null
 */
public record AnchorUse(String source, AnchorRef ref, String parentRun, boolean syntheticOrigin, long heldOut,
                        String note) {

    /** Source names. */
    public static final String FROZEN = "frozen";
    /** Reused from the parent run. */
    public static final String PARENT = "parent";
    /** Named by {@code tailguard.collapse.anchor}. */
    public static final String EXPLICIT = "explicit";
    /** No anchor. */
    public static final String NONE = "none";
}
