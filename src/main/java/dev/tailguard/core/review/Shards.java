package dev.tailguard.core.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.tailguard.core.store.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Streaming reads of JSONL shards ({@code .jsonl} or {@code .jsonl.zst}) and their content hash. */
final class Shards {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Shards() {
    }

    /** Receives one JSON object line. */
    @FunctionalInterface
    interface LineVisitor {
        void accept(JsonNode node, String key, long lineNo) throws IOException;
    }

    /** Visits every non-blank line of the shards in order; a line that is not a JSON object is an error naming it. */
    static void forEach(ObjectStore store, List<String> keys, LineVisitor visitor) throws IOException {
        for (String key : keys) {
            try (InputStream raw = store.open(key);
                 InputStream in = key.endsWith(".zst") ? new ZstdInputStream(raw) : raw;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                         .onMalformedInput(CodingErrorAction.REPORT)
                         .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
                String line;
                long lineNo = 0;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        throw new ReviewException(ReviewException.Kind.INVALID,
                                key + ":" + lineNo + ": not JSON: " + e.getOriginalMessage());
                    }
                    if (node == null || !node.isObject()) {
                        throw new ReviewException(ReviewException.Kind.INVALID, key + ":" + lineNo + ": not a JSON object");
                    }
                    visitor.accept(node, key, lineNo);
                }
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
