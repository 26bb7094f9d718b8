package dev.tailguard.core.trigger;

import java.util.Optional;

/**
 * Safety check of an object key named by a notification, before it is compared with the incoming prefix. A key is
 * refused when, after the notification's URL decoding, it is empty, absolute ({@code /x}), contains a backslash, a
 * control character, an empty segment ({@code a//b}) or a {@code .}/{@code ..} segment. Such keys are legal S3 names
 * but are never produced by an upload tool for a corpus; when a store maps keys onto paths they can leave the
 * configured prefix ({@code incoming/../../x.jsonl}), so they are refused rather than normalised.
 */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    /** Why the key is unsafe, or empty when it is a plain relative key. */
    public static Optional<String> unsafe(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("key is empty");
        }
        if (key.startsWith("/")) {
            return Optional.of("key '" + printable(key) + "' is absolute");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') {
                return Optional.of("key '" + printable(key) + "' contains a backslash");
            }
            if (Character.isISOControl(c)) {
                return Optional.of("key '" + printable(key) + "' contains control character U+"
                        + String.format("%04X", (int) c));
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("key '" + printable(key) + "' has a '" + segment + "' segment");
            }
            if (segment.isEmpty()) {
                return Optional.of("key '" + printable(key) + "' has an empty segment");
            }
        }
        return Optional.empty();
    }

    /** Whether a safe key lies under the prefix ({@code ""} is the whole bucket). */
    public static boolean under(String key, String prefix) {
        return unsafe(key).isEmpty() && key.startsWith(prefix);
    }

    private static String printable(String key) {
        StringBuilder b = new StringBuilder();
        key.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return key.length() > 200 ? b + "..." : b.toString();
    }
}
