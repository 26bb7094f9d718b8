package dev.tailguard.core.trigger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic run ids for incoming objects, so that a redelivered notification for the same object version
 * (same bucket, key and ETag) names the same run and can be deduplicated downstream.
 */
public final class RunIds {

    private RunIds() {
    }

    /**
     * {@code <stem>-<12 hex>}: the key's file name without {@code .jsonl[.zst]}, lower-cased, reduced to
     * {@code [a-z0-9-]} and at most 40 characters (a valid Kubernetes label value and S3 key segment), then the first
     * 12 hex digits of SHA-256 over {@code bucket/key#eTag}.
     */
    public static String forObject(ObjectCreated object) {
        String name = object.key().substring(object.key().lastIndexOf('/') + 1);
        for (String suffix : new String[] {".jsonl.zst", ".jsonl"}) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        String stem = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (stem.length() > 40) {
            stem = stem.substring(0, 40).replaceAll("-+$", "");
        }
        if (stem.isEmpty()) {
            stem = "run";
        }
        return stem + "-" + sha256(object.bucket() + "/" + object.key() + "#" + object.eTag()).substring(0, 12);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
