/**
 * Collapse measured against a frozen real anchor (issue 11): the anchor ({@link dev.tailguard.core.collapse.Anchor},
 * built by {@link dev.tailguard.core.collapse.AnchorBuilder}, stored by
 * {@link dev.tailguard.core.collapse.AnchorStore}), four signals with 95% intervals and a generation-0 baseline
 * ({@link dev.tailguard.core.collapse.CollapseSignals}), and a verdict decided from the measurements only
 * ({@link dev.tailguard.core.collapse.CollapsePolicy}). Pure Java: no framework imports; the sentence-embedding
 * model enters through the {@link dev.tailguard.core.collapse.Embedder} port.
 */
package dev.tailguard.core.collapse;
