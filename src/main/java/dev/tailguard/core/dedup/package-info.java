/** Exact and near-duplicate detection (collapse-anchors §9: MinHash-LSH with FineWeb parameters). */
package dev.tailguard.core.dedup;
