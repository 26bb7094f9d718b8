package dev.tailguard.core.collapse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic held-out split of the real input <em>by document</em>: a document belongs to the anchor when
 * the first 8 bytes of SHA-256({@code salt + ":" + id}), read as an unsigned fraction of 2^64, fall below the share.
 * The decision depends only on the id (and the salt), never on order or on the other documents, so every stage and
 * every generation agrees on it.
 *
 * @param share fraction of documents held out (0 &lt; share &lt; 1); default {@link #DEFAULT_SHARE}
 * @param salt  salt of the hash; change it to draw another anchor from the same corpus
 */
public record AnchorSplit(double share, String salt) {

    /** Default held-out share ({@code tailguard.collapse.anchor-share}). */
    public static final double DEFAULT_SHARE = 0.10;
    /** Default salt ({@code tailguard.collapse.anchor-salt}). */
    public static final String DEFAULT_SALT = "tailguard-anchor-v1";

    public AnchorSplit {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("anchor share must be in (0, 1), got " + share);
        }
        if (salt == null) {
            throw new IllegalArgumentException("anchor salt must not be null");
        }
    }

    /** The default split: 10% of documents, default salt. */
    public static AnchorSplit defaults() {
        return new AnchorSplit(DEFAULT_SHARE, DEFAULT_SALT);
    }

    /** Whether the document with this id is held out in the anchor (never blended, never trained on). */
    public boolean isAnchor(String id) {
        return unit(salt + ":" + id) < share;
    }

    /** SHA-256 of the text mapped to [0, 1). */
    static double unit(String text) {
        byte[] d = sha256(text.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return (h >>> 11) * 0x1.0p-53;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
