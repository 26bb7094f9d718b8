/**
 * The command classes behind {@code tailguard lm}, {@code bench} and {@code simulate} (their options are parsed by the
 * picocli commands of {@link dev.tailguard.cli}): typed entry points, printing,
 * benchmarks and JVM introspection ({@link dev.tailguard.cli.tools.HeapWatch}). The computation they drive stays in
 * core ({@link dev.tailguard.core.lm}, {@link dev.tailguard.core.sim}, {@link dev.tailguard.core.metrics}); this
 * package is an adapter and core never depends on it.
 */
package dev.tailguard.cli.tools;
