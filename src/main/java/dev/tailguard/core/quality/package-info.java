/**
 * Quality rules (collapse-anchors §8: Gopher quality and repetition, C4, FineWeb). Rules return values and drop
 * reasons ({@link dev.tailguard.core.quality.RuleResult}); {@link dev.tailguard.core.quality.QualityPolicy} decides.
 */
package dev.tailguard.core.quality;
