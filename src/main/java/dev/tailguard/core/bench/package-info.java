/** The {@code bench} command logic ({@link dev.tailguard.core.bench.BenchCommand#execute}). */
package dev.tailguard.core.bench;
