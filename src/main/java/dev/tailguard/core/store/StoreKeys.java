package dev.tailguard.core.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Normalisation of object keys, the one place that decides whether a key may reach an {@link ObjectStore}. A key
 * is a {@code /}-separated relative path of non-empty segments; refused with a typed {@link StoreKeyException}
 * (which the HTTP functions answer with a 4xx): {@code .}/{@code ..} segments, absolute paths, backslashes, empty
 * segments, control characters (C0, DEL, C1) and unpaired surrogates, keys over 1024 UTF-8 bytes, and keys of
 * another run ({@link #forRun}) or outside a required prefix ({@link #within}). Nothing is rewritten silently: a
 * key either comes back unchanged or is refused.
 */
public final class StoreKeys {

    /** S3's maximum key length in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** The prefix under which every run's objects live. */
    public static final String RUNS = "runs/";

    private StoreKeys() {
    }

    /** The key, checked; an object key has no trailing {@code /}. */
    public static String normalize(String key) {
        return check(key, false);
    }

    /** A listing prefix, checked like a key but allowed to end in {@code /} (the empty prefix is allowed). */
    public static String normalizePrefix(String prefix) {
        if (prefix != null && prefix.isEmpty()) {
            return prefix;
        }
        return check(prefix, true);
    }

    /**
     * The key, checked, for use by run {@code runId}: a key under {@code runs/} must be under {@code runs/<runId>/}.
     *
     * @throws StoreKeyException {@link StoreKeyException.Reason#OTHER_RUN} for another run's key
     */
    public static String forRun(String runId, String key) {
        String run = runSegment(runId);
        String k = normalize(key);
        if (k.startsWith(RUNS) && !k.startsWith(RUNS + run + "/")) {
            throw new StoreKeyException(StoreKeyException.Reason.OTHER_RUN, key,
                    "it is under another run's prefix; run " + run + " may only use " + RUNS + run + "/");
        }
        return k;
    }

    /**
     * The key of a run's <em>input</em>, checked: like {@link #forRun}, except that another run's published output
     * {@code runs/<other>/blended/...} may be read (a run on an earlier run's blended data continues its lineage).
     * Every other object of another run ({@code input/}, {@code synthetic/}, manifests, reports) is refused.
     */
    public static String inputForRun(String runId, String key) {
        String k = normalize(key);
        if (isPublishedOutput(k)) {
            return k;
        }
        return forRun(runId, k);
    }

    /** Whether the (normalised) key is a run's published blended output {@code runs/<id>/blended/<name>}. */
    public static boolean isPublishedOutput(String key) {
        String[] seg = key.split("/", -1);
        return seg.length >= 4 && (seg[0] + "/").equals(RUNS) && seg[2].equals("blended");
    }

    /**
     * The key, checked, and required to lie under the prefix (e.g. the notification endpoint's {@code incoming/}).
     *
     * @param prefix a normalised prefix ending in {@code /}
     */
    public static String within(String prefix, String key) {
        String p = normalizePrefix(prefix);
        String k = normalize(key);
        if (!k.startsWith(p)) {
            throw new StoreKeyException(StoreKeyException.Reason.OUTSIDE_PREFIX, key, "it is not under " + p);
        }
        return k;
    }

    /**
     * A key as S3/MinIO bucket notifications carry it (URL-encoded, {@code +} for space), decoded once and checked:
     * {@code incoming/%2e%2e/x} is refused like {@code incoming/../x}.
     */
    public static String fromNotification(String encodedKey) {
        if (encodedKey == null) {
            return normalize(null);
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StoreKeyException(StoreKeyException.Reason.CONTROL_CHARACTER, encodedKey,
                    "bad URL encoding: " + e.getMessage());
        }
        return normalize(decoded);
    }

    /** The run id, checked to be one safe key segment. */
    public static String runSegment(String runId) {
        String r = normalize(runId);
        if (r.indexOf('/') >= 0) {
            throw new StoreKeyException(StoreKeyException.Reason.EMPTY_SEGMENT, runId, "a run id must be one segment");
        }
        return r;
    }

    private static String check(String key, boolean prefix) {
        if (key == null || key.isEmpty()) {
            throw new StoreKeyException(StoreKeyException.Reason.EMPTY, key, "empty key");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new StoreKeyException(StoreKeyException.Reason.TOO_LONG, key.substring(0, 64) + "...",
                    "longer than " + MAX_KEY_BYTES + " UTF-8 bytes");
        }
        checkCharacters(key);
        if (key.startsWith("/") || (key.length() >= 2 && key.charAt(1) == ':' && Character.isLetter(key.charAt(0)))) {
            throw new StoreKeyException(StoreKeyException.Reason.ABSOLUTE, key, "absolute paths are not keys");
        }
        String body = prefix && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String seg : body.split("/", -1)) {
            if (seg.isEmpty()) {
                throw new StoreKeyException(StoreKeyException.Reason.EMPTY_SEGMENT, key, "empty path segment");
            }
            if (seg.equals(".") || seg.equals("..")) {
                throw new StoreKeyException(StoreKeyException.Reason.DOT_SEGMENT, key, "'" + seg + "' segment");
            }
        }
        return key;
    }

    private static void checkCharacters(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                throw new StoreKeyException(StoreKeyException.Reason.BACKSLASH, key, "backslash at index " + i);
            }
            if (Character.isISOControl(c)) {
                throw new StoreKeyException(StoreKeyException.Reason.CONTROL_CHARACTER, key,
                        String.format("control character U+%04X at index %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new StoreKeyException(StoreKeyException.Reason.CONTROL_CHARACTER, key,
                        "unpaired surrogate at index " + i);
            }
        }
    }

    /** The key with control characters and surrogates escaped as {@code \\uXXXX}, quoted, for messages and logs. */
    public static String printable(String key) {
        if (key == null) {
            return "(null)";
        }
        StringBuilder b = new StringBuilder(key.length() + 2).append('"');
        int n = Math.min(key.length(), 300);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '"') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(key.length() > n ? "...\"" : "\"").toString();
    }
}
