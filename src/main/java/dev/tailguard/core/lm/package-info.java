/**
 * KenLM-exact n-gram language model: interpolated modified Kneser-Ney estimation as {@code lmplz} does it by default
 * ({@link dev.tailguard.core.lm.KneserNeyTrainer}), KenLM-style querying and perplexity, ARPA read/write and exact or
 * tempered/top-k sentence sampling ({@link dev.tailguard.core.lm.KneserNeyModel}); the {@code lm} command logic
 * ({@code dev.tailguard.cli.tools.LmCommand}) and a throughput benchmark ({@link dev.tailguard.core.lm.LmBench}).
 * Pure Java. Formulas: collapse-anchors §10.
 */
package dev.tailguard.core.lm;
