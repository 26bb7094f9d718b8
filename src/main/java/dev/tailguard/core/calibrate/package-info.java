/**
 * {@code tailguard calibrate} (issue 11 item 7): the real pipeline run recursively on chains whose truth is known
 * (replace, accumulate, fresh-real control, word salad, the default trigram generator), measured against one frozen
 * anchor. Pure Java: no Quarkus, CDI or network imports; the picocli adapter is {@code dev.tailguard.cli.CalibrateCommand}.
 */
package dev.tailguard.core.calibrate;
