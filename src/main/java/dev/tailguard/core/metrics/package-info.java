/**
 * Text statistics (collapse-anchors §7): per-document numbers ({@link dev.tailguard.core.metrics.DocumentMetrics})
 * and mergeable corpus states ({@link dev.tailguard.core.metrics.CorpusMetrics}, {@link
 * dev.tailguard.core.metrics.DiversityState}, ...). Pure Java; n-grams are 64-bit hashes ({@link
 * dev.tailguard.core.collections.NgramHash}).
 */
package dev.tailguard.core.metrics;
