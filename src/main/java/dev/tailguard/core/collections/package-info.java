/**
 * Primitive collections and hashing shared by the metrics, quality rules, deduplication and corpus statistics
 * ({@link dev.tailguard.core.collections.LongHashSet}, {@link dev.tailguard.core.collections.LongCountMap},
 * {@link dev.tailguard.core.collections.NgramHash}). They depend on nothing else in Tailguard, so the packages that
 * use them do not depend on each other through them (this broke the {@code metrics <-> quality} and
 * {@code metrics <-> dedup} package cycles).
 */
package dev.tailguard.core.collections;
