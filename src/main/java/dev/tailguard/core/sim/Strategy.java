package dev.tailguard.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How generation k+1's training text is built from generation k's samples (issue 5; collapse-anchors §1, §2, §5).
 *
 * @param kind  the strategy
 * @param ratio for {@link Kind#BLEND}: the synthetic share r of the token budget (0 &lt; r &le; 1); otherwise 1
 */
public record Strategy(Kind kind, double ratio) {

    /** The strategy kinds. */
    public enum Kind {
        /** Train on generation k's samples only (Shumailov et al. regime (a)). */
        REPLACE,
        /** Train on the real training split plus all synthetic samples so far (Gerstgrasser et al.). */
        ACCUMULATE,
        /** Budget split r synthetic / 1−r real, with a fresh real sample each generation (§11). */
        BLEND,
        /** Samples must pass the gates (quality rules, dedup, reference-perplexity band) before reuse (Feng et al.). */
        VERIFIED,
        /**
         * Samples pass the quality and dedup gates, then are kept with the same share from every reference-perplexity
         * quantile stratum of real text, plus documents that add real tail types ({@link Verifier.Stratified}).
         */
        STRATIFIED
    }

    public Strategy {
        if (kind == Kind.BLEND && !(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("blend ratio must be in (0, 1], got " + ratio);
        }
        if (kind != Kind.BLEND) {
            ratio = 1.0;
        }
    }

    /** The name used on the command line, in JSON and in plots: {@code replace}, {@code blend:0.3}, .... */
    public String label() {
        if (kind == Kind.BLEND) {
            String r = Double.toString(ratio);
            return "blend:" + (r.endsWith(".0") ? r.substring(0, r.length() - 2) : r);
        }
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Parses one strategy: {@code replace}, {@code accumulate}, {@code verified}, {@code stratified} or {@code blend:R}. */
    public static Strategy parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("blend:")) {
            String r = s.substring("blend:".length());
            try {
                return new Strategy(Kind.BLEND, Double.parseDouble(r));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("blend ratio is not a number: '" + r + "' in '" + spec + "'");
            }
        }
        return switch (s) {
            case "replace" -> new Strategy(Kind.REPLACE, 1);
            case "accumulate" -> new Strategy(Kind.ACCUMULATE, 1);
            case "verified" -> new Strategy(Kind.VERIFIED, 1);
            case "stratified" -> new Strategy(Kind.STRATIFIED, 1);
            case "blend" -> throw new IllegalArgumentException("blend needs a synthetic ratio, e.g. blend:0.3");
            default -> throw new IllegalArgumentException(
                    "unknown strategy '" + spec + "' (expected replace, accumulate, blend:R, verified or stratified)");
        };
    }

    /** Parses a comma-separated list; duplicates are rejected. */
    public static List<Strategy> parseList(String specs) {
        List<Strategy> out = new ArrayList<>();
        for (String part : specs.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty strategy in '" + specs + "'");
            }
            Strategy st = parse(part);
            if (out.stream().anyMatch(o -> o.label().equals(st.label()))) {
                throw new IllegalArgumentException("strategy listed twice: " + st.label());
            }
            out.add(st);
        }
        return out;
    }
}
