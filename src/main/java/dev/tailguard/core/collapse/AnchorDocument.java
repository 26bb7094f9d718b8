package dev.tailguard.core.collapse;

import java.util.Objects;

/**
 * One held-out real document of the anchor.
 *
 * @param id   the document id of the real input
 * @param text its text
 */
public record AnchorDocument(String id, String text) {
    public AnchorDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
