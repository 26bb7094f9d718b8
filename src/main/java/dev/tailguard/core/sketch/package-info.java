/** Mergeable, serialisable summaries of per-document values (quantile sketches), pure Java. */
package dev.tailguard.core.sketch;
