/**
 * Pure statistics for sample-size-aware decisions: exact binomial (Clopper-Pearson) bounds of a rate and a
 * permutation test of homogeneity between two categorical samples. No framework imports.
 */
package dev.tailguard.core.stats;
