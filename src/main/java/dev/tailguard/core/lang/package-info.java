/** Language identification (Lingua, a few languages, low-accuracy mode). */
package dev.tailguard.core.lang;
