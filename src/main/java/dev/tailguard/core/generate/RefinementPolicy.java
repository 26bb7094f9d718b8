package dev.tailguard.core.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a generated batch that fails the diversity gate is regenerated, and with which parameters.
 * Pure: the generate stage measures the batch, asks {@link #decide}, and loops. Each round raises the sampling
 * temperature and top-k (low temperature and small top-k cut the tail and cause a loss plateau, collapse-anchors
 * §6) and moves to the next alternative style mix.
 *
 * @param minDistinct2           distinct-2 floor of the gate (fail when below)
 * @param maxNearDuplicateRate   near-duplicate-rate ceiling of the gate (fail when above)
 * @param maxRounds              regeneration rounds allowed after the first batch
 * @param temperatureStep        added to the temperature each round
 * @param maxTemperature         temperature cap
 * @param topKStep               added to top-k each round (a top-k of 0 means "not used" and stays 0)
 * @param maxTopK                top-k cap
 * @param styleMixes             alternative style mixes, tried in order after the current one; may be empty
 */
public record RefinementPolicy(double minDistinct2, double maxNearDuplicateRate, int maxRounds,
                               double temperatureStep, double maxTemperature, int topKStep, int maxTopK,
                               List<Map<String, Double>> styleMixes) {

    public RefinementPolicy {
        if (maxRounds < 0 || temperatureStep < 0 || topKStep < 0) {
            throw new IllegalArgumentException("maxRounds, temperatureStep and topKStep must be >= 0");
        }
        styleMixes = List.copyOf(styleMixes);
    }

    /** The diversity numbers of one batch. */
    public record Diversity(double distinct2, double nearDuplicateRate) {
    }

    /** The generation parameters the policy adjusts. */
    public record Params(double temperature, int topK, Map<String, Double> styleMix) {
        public Params {
            styleMix = styleMix == null ? Map.of() : Map.copyOf(styleMix);
        }
    }

    /**
     * @param regenerate true when the batch must be generated again with {@code next}
     * @param reason     {@code passed}, {@code max_rounds_reached}, {@code no_adjustment_left}, or the failed
     *                   checks joined by {@code +} ({@code distinct2_below_floor}, {@code near_duplicate_above_ceiling})
     * @param failures   the failed checks (empty when passed)
     * @param next       parameters of the next round (the current ones when not regenerating)
     * @param round      number of the next round (1 = first regeneration), or the rounds done when stopping
     */
    public record Decision(boolean regenerate, String reason, List<String> failures, Params next, int round) {
    }

    /**
     * @param roundsDone regeneration rounds already performed for this batch (0 after the first generation)
     */
    public Decision decide(Diversity d, Params current, int roundsDone) {
        Objects.requireNonNull(d, "diversity");
        List<String> failures = new ArrayList<>();
        if (d.distinct2() < minDistinct2) {
            failures.add("distinct2_below_floor");
        }
        if (d.nearDuplicateRate() > maxNearDuplicateRate) {
            failures.add("near_duplicate_above_ceiling");
        }
        if (failures.isEmpty()) {
            return new Decision(false, "passed", List.of(), current, roundsDone);
        }
        if (roundsDone >= maxRounds) {
            return new Decision(false, "max_rounds_reached", List.copyOf(failures), current, roundsDone);
        }
        double t = Math.min(maxTemperature, current.temperature() + temperatureStep);
        int k = current.topK() <= 0 ? current.topK() : Math.min(maxTopK, current.topK() + topKStep);
        Map<String, Double> mix = nextMix(current.styleMix());
        Params next = new Params(Math.max(t, current.temperature()), Math.max(k, current.topK()), mix);
        if (next.equals(current)) {
            return new Decision(false, "no_adjustment_left", List.copyOf(failures), current, roundsDone);
        }
        return new Decision(true, String.join("+", failures), List.copyOf(failures), next, roundsDone + 1);
    }

    private Map<String, Double> nextMix(Map<String, Double> current) {
        if (styleMixes.isEmpty()) {
            return current;
        }
        int i = styleMixes.indexOf(current);
        for (int step = 1; step <= styleMixes.size(); step++) {
            Map<String, Double> m = styleMixes.get(Math.floorMod(i + step, styleMixes.size()));
            if (!m.equals(current)) {
                return m;
            }
        }
        return current;
    }
}
