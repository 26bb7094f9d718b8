/** Stage progress in documents (rate, ETA) and its terminal rendering; pure Java. */
package dev.tailguard.core.progress;
