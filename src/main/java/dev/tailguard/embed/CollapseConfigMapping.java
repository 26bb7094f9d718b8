package dev.tailguard.embed;

import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseSettings;
import dev.tailguard.core.collapse.CollapseThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * {@code tailguard.collapse.*}: how collapse is measured against the frozen real anchor (README, "How Tailguard
 * measures collapse"). Mapped onto the pure-Java {@link CollapseSettings} by {@link #toSettings()}; the signal
 * settings are frozen into a new anchor, so a descendant run is measured exactly like its generation-0 baseline.
 * Defaults equal {@link CollapseConfig#defaults()}, {@link CollapseThresholds#defaults()} and
 * {@link AnchorSplit#defaults()}.
 */
@ConfigMapping(prefix = "tailguard.collapse")
public interface CollapseConfigMapping {

    /**
     * {@code tailguard.collapse.anchor}: an anchor to measure against (a store key {@code anchors/v1/<sha256>.json}
     * or a local anchor file; the CLI's {@code --anchor}). Unset: a root run freezes its own, a descendant reuses its
     * parent's.
     */
    Optional<String> anchor();

    /** {@code tailguard.collapse.anchor-share}: share of a root run's real documents held out as the anchor. */
    @WithDefault("0.10")
    double anchorShare();

    /** {@code tailguard.collapse.anchor-salt}: salt of the by-id split; change it to draw another anchor. */
    @WithDefault(AnchorSplit.DEFAULT_SALT)
    String anchorSalt();

    /** {@code tailguard.collapse.order}: n-gram order of the Kneser–Ney LM behind anchor perplexity (2..6). */
    @WithDefault("3")
    int order();

    /** {@code tailguard.collapse.tail-max-count}: an anchor type with anchor count ≤ this is a tail type. */
    @WithDefault("2")
    int tailMaxCount();

    /** {@code tailguard.collapse.window-tokens}: tokens per window of the classifier test and the embedding sample. */
    @WithDefault("64")
    int windowTokens();

    /**
     * {@code tailguard.collapse.lm-max-tokens}: training-token cap of the anchor-perplexity LM, the same for the
     * generation-0 baseline and the measured blended output (documents with the smallest id hash up to this many
     * tokens; frozen into a new anchor); bounds the report's memory whatever the corpus size. 0 = no cap.
     */
    @WithDefault("2000000")
    long lmMaxTokens();

    /** {@code tailguard.collapse.bootstrap}: bootstrap replicates of every resampled interval (≥ 100). */
    @WithDefault("1000")
    int bootstrap();

    /** {@code tailguard.collapse.seed}: seed of every resampling (bootstrap, permutations, folds). */
    @WithDefault("1")
    long seed();

    /** {@code tailguard.collapse.c2st.*}: the classifier two-sample test. */
    C2st c2st();

    /** {@code tailguard.collapse.embedding.*}: embedding precision and recall (Kynkäänniemi et al. 2019). */
    Embedding embedding();

    /** {@code tailguard.collapse.threshold.*}: verdict thresholds, margins beyond the generation-0 baseline. */
    Threshold threshold();

    /** The classifier two-sample test. */
    interface C2st {
        /** {@code tailguard.collapse.c2st.max-windows}: windows per side (≥ 20). */
        @WithDefault("512")
        int maxWindows();

        /** {@code tailguard.collapse.c2st.folds}: cross-validation folds (2..20). */
        @WithDefault("5")
        int folds();

        /** {@code tailguard.collapse.c2st.permutations}: label permutations of the test's null (≥ 0). */
        @WithDefault("50")
        int permutations();
    }

    /** Embedding signals. */
    interface Embedding {
        /**
         * {@code tailguard.collapse.embedding.enabled}: embed an anchor sample at freeze time and the synthetic batch
         * at report time with all-MiniLM-L6-v2 (in-process ONNX, loaded once per JVM on first use). {@code false}:
         * the signals are listed under {@code collapse_risk.missing} with this reason.
         */
        @WithDefault("true")
        boolean enabled();

        /** {@code tailguard.collapse.embedding.max-chunks}: embedded windows per side (≥ 8; bounds the time). */
        @WithDefault("256")
        int maxChunks();

        /** {@code tailguard.collapse.embedding.k}: neighbours of the k-NN manifolds (Kynkäänniemi et al.: 3). */
        @WithDefault("3")
        int k();
    }

    /** Verdict thresholds (README calibration table); each applied to a 95% interval bound. */
    interface Threshold {
        /** {@code tailguard.collapse.threshold.perplexity.*}: relative anchor-perplexity rise. */
        Level perplexity();

        /** {@code tailguard.collapse.threshold.recall.*}: relative fall of vocabulary and tail recall. */
        Level recall();

        /** {@code tailguard.collapse.threshold.auc.*}: classifier AUC. */
        Auc auc();

        /** {@code tailguard.collapse.threshold.embedding.*}: relative fall of embedding precision or recall. */
        Level embedding();
    }

    /** A medium and a high level (0 &lt; medium ≤ high). */
    interface Level {
        /** {@code .medium}: the medium-risk margin (defaults: perplexity 0.10, recall 0.05, embedding 0.30). */
        Optional<Double> medium();

        /** {@code .high}: the high-risk margin (defaults: perplexity 0.25, recall 0.15, embedding 0.45). */
        Optional<Double> high();
    }

    /** AUC levels. */
    interface Auc {
        /** {@code tailguard.collapse.threshold.auc.medium}: AUC lower bound for medium. */
        @WithDefault("0.70")
        double medium();

        /** {@code tailguard.collapse.threshold.auc.high}: AUC lower bound for high. */
        @WithDefault("0.85")
        double high();

        /** {@code tailguard.collapse.threshold.auc.margin}: minimum AUC excess over the baseline. */
        @WithDefault("0.10")
        double margin();
    }

    /**
     * The pure-Java settings.
     *
     * @throws IllegalArgumentException naming the {@code tailguard.collapse.*} key of an invalid value
     */
    default CollapseSettings toSettings() {
        CollapseConfig cfg = new CollapseConfig(order(), tailMaxCount(), windowTokens(), c2st().maxWindows(),
                c2st().folds(), c2st().permutations(), embedding().maxChunks(), embedding().k(), bootstrap(), seed(),
                lmMaxTokens());
        CollapseThresholds d = CollapseThresholds.defaults();
        Threshold t = threshold();
        CollapseThresholds thresholds = new CollapseThresholds(
                t.perplexity().medium().orElse(d.perplexityMedium()), t.perplexity().high().orElse(d.perplexityHigh()),
                t.recall().medium().orElse(d.recallMedium()), t.recall().high().orElse(d.recallHigh()),
                t.auc().medium(), t.auc().high(), t.auc().margin(),
                t.embedding().medium().orElse(d.embeddingMedium()), t.embedding().high().orElse(d.embeddingHigh()));
        AnchorSplit split;
        try {
            split = new AnchorSplit(anchorShare(), anchorSalt());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tailguard.collapse.anchor-share: " + e.getMessage(), e);
        }
        return new CollapseSettings(split, cfg, thresholds, embedding().enabled());
    }
}
