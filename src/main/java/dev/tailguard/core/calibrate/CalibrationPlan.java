package dev.tailguard.core.calibrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code tailguard calibrate} runs.
 *
 * @param input              the real corpus (JSONL, {@code {"id","text",...}} per line)
 * @param out                output folder: {@code calibration.json}, {@code calibration.html}, the local object store
 *                           ({@code store/}) with every run, and the split inputs ({@code inputs/})
 * @param generations        generations of the replace, accumulate and salad chains (G ≥ 1)
 * @param seeds              seeds of the collapsing chains (S ≥ 1; seed i is i)
 * @param controlSeeds       seeds of the fresh-real control (≥ 1)
 * @param controlGenerations generations of the control chain (≥ 1; 1 is the cheap acceptance setting)
 * @param chains             chains to run
 * @param anchorShare        share of documents held out as the anchor, raised when needed to reach
 *                           {@code minAnchorWindows}
 * @param minAnchorWindows   minimum anchor size in classifier windows ({@code CollapsePolicy.MIN_WINDOWS} by
 *                           default: below it a verdict without reasons is {@code unmeasurable})
 * @param freshShare         share of the non-anchor documents kept as the control's fresh pool
 * @param replaceRatio       synthetic ratio of the replace chain (its real-data floor is 1 − ratio)
 * @param workers            worker threads per pipeline run
 */
public record CalibrationPlan(Path input, Path out, int generations, int seeds, int controlSeeds,
                              int controlGenerations, List<Chain> chains, double anchorShare, int minAnchorWindows,
                              double freshShare, double replaceRatio, int workers) {

    /** Default anchor share (the pipeline's own, {@code AnchorSplit.DEFAULT_SHARE}). */
    public static final double DEFAULT_ANCHOR_SHARE = 0.10;
    /** Default fresh-pool share. */
    public static final double DEFAULT_FRESH_SHARE = 0.30;
    /** Default replace ratio. */
    public static final double DEFAULT_REPLACE_RATIO = 0.9;

    public CalibrationPlan {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(out, "out");
        chains = List.copyOf(chains);
        require(generations >= 1 && generations <= 20, "--generations must be in 1..20, got " + generations);
        require(seeds >= 1 && seeds <= 100, "--seeds must be in 1..100, got " + seeds);
        require(controlSeeds >= 1 && controlSeeds <= 100, "--control-seeds must be in 1..100, got " + controlSeeds);
        require(controlGenerations >= 1 && controlGenerations <= 20,
                "--control-generations must be in 1..20, got " + controlGenerations);
        require(!chains.isEmpty(), "--chains must name at least one chain");
        require(anchorShare > 0 && anchorShare <= 0.5, "--anchor-share must be in (0, 0.5], got " + anchorShare);
        require(minAnchorWindows >= 0, "--min-anchor-windows must be >= 0, got " + minAnchorWindows);
        require(freshShare > 0 && freshShare < 1, "fresh share must be in (0, 1), got " + freshShare);
        require(replaceRatio > 0 && replaceRatio < 1, "--replace-ratio must be in (0, 1), got " + replaceRatio);
        require(workers >= 1, "--workers must be >= 1, got " + workers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
