package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.LongHashSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The document ids an ingest has seen, as the first 64 bits of each id's SHA-256 in a {@link LongHashSet} (8–16
 * bytes per id instead of a {@code String} each). Two different ids share a 64-bit prefix with probability 2^-64 per
 * pair (≈ 3·10^-8 expected false "duplicate id" rejections among 10^6 documents); SHA-256 rather than a fast hash so
 * that an input cannot be crafted to make two ids collide. Not thread-safe.
 */
final class SeenIds {

    private final LongHashSet seen = new LongHashSet(1024);
    private final MessageDigest sha256;

    SeenIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Records the id; true when it was not seen before. */
    boolean add(String id) {
        byte[] d = sha256.digest(id.getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (d[i] & 0xff);
        }
        return seen.add(v);
    }

    /** Distinct ids seen. */
    int size() {
        return seen.size();
    }
}
