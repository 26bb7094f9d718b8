package dev.tailguard.core.collapse;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/**
 * Stores anchors in the object store as versioned, content-addressed artifacts: the JSON bytes go under
 * {@code anchors/v<version>/<sha256>.json}. Writing the same anchor twice is a no-op; reading verifies the hash.
 */
public final class AnchorStore {

    /** Key prefix of stored anchors. */
    public static final String PREFIX = "anchors/";

    private AnchorStore() {
    }

    /** Writes the anchor once and returns its reference. */
    public static AnchorRef write(ObjectStore store, Anchor anchor) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(anchor);
        String sha = HexFormat.of().formatHex(AnchorSplit.sha256(bytes));
        String key = PREFIX + "v" + anchor.version() + "/" + sha + ".json";
        if (!store.exists(key)) {
            store.put(key, bytes);
        }
        return new AnchorRef(key, sha, anchor.documents().size(), anchor.anchorTokens());
    }

    /**
     * Reads a stored anchor.
     *
     * @throws IOException              when the object is absent or unreadable
     * @throws IllegalArgumentException when the bytes do not hash to {@code ref.sha256()} or are not an anchor
     */
    public static Anchor read(ObjectStore store, AnchorRef ref) throws IOException {
        byte[] bytes;
        try (InputStream in = store.open(ref.key())) {
            bytes = in.readAllBytes();
        }
        String sha = HexFormat.of().formatHex(AnchorSplit.sha256(bytes));
        if (!sha.equals(ref.sha256())) {
            throw new IllegalArgumentException("anchor " + store.describe(ref.key()) + ": SHA-256 " + sha
                    + " does not match the reference " + ref.sha256());
        }
        try {
            Anchor a = Json.MAPPER.readValue(bytes, Anchor.class);
            if (a.version() != Anchor.VERSION) {
                throw new IllegalArgumentException("anchor " + ref.key() + ": version " + a.version()
                        + " is not supported (expected " + Anchor.VERSION + ")");
            }
            return a;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("anchor " + store.describe(ref.key()) + ": not an anchor artifact: "
                    + e.getOriginalMessage(), e);
        }
    }
}
