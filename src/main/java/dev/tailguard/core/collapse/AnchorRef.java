package dev.tailguard.core.collapse;

/**
 * Where a stored anchor lives; the {@code anchor} object of {@code report.json}.
 *
 * @param key       object-store key (content-addressed: {@code anchors/v1/<sha256>.json})
 * @param sha256    hex SHA-256 of the stored bytes; reading verifies it
 * @param documents number of held-out documents
 * @param tokens    number of held-out tokens ({@link dev.tailguard.core.text.Tokenizer#words})
 */
public record AnchorRef(String key, String sha256, int documents, long tokens) {
}
