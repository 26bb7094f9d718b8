/**
 * Tailguard: a synthetic-data pipeline for LLM training that guards against model collapse.
 * <ul>
 *   <li>{@code dev.tailguard.core.*}: the pure-Java core (no Quarkus or CDI imports): documents and JSONL,
 *   tokenisation, the Kneser-Ney language model, metrics, dedup, quality rules, gates, stages, reports.</li>
 *   <li>{@code dev.tailguard.function}: the Quarkus Funqy stage functions, thin adapters over the core.</li>
 *   <li>{@code dev.tailguard.cli}: the command-line entry ({@code run}, {@code lm}, {@code simulate}, {@code bench}).</li>
 * </ul>
 */
package dev.tailguard;
