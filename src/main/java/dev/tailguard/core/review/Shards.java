package dev.tailguard.core.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.io.JsonlObjects;
import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Streaming reads of JSONL shards ({@code .jsonl} or {@code .jsonl.zst}) and their content hash. */
final class Shards {

    private Shards() {
    }

    /** Receives one JSON object line. */
    @FunctionalInterface
    interface LineVisitor {
        void accept(JsonNode node, String key, long lineNo) throws IOException;
    }

    /**
     * Visits every non-blank line of the shards in order ({@link JsonlObjects}); a line that is not a JSON object is
     * an {@link ReviewException.Kind#INVALID} error naming the shard and line.
     */
    static void forEach(ObjectStore store, List<String> keys, LineVisitor visitor) throws IOException {
        for (String key : keys) {
            try {
                JsonlObjects.forEach(store.open(key), key, JsonNode.class, visitor::accept);
            } catch (JsonlObjects.JsonlFormatException e) {
                throw new ReviewException(ReviewException.Kind.INVALID, e.getMessage());
            }
        }
    }

    /** SHA-256 (hex) over the stored bytes of the shards, concatenated in the given order. */
    static String sha256(ObjectStore store, List<String> keys) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buf = new byte[1 << 16];
        for (String key : keys) {
            try (InputStream in = new DigestInputStream(store.open(key), digest)) {
                while (in.read(buf) >= 0) {
                    // digesting
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
