package dev.tailguard.core.store;

/**
 * An object key (or input spec) that Tailguard refuses: the request that carried it is a client error (4xx) and
 * nothing is written. The message names the key (control characters escaped) and the rule it broke.
 */
public final class StoreKeyException extends IllegalArgumentException {

    /** Why a key was refused. */
    public enum Reason {
        /** null or empty key. */
        EMPTY,
        /** starts with {@code /} (or a drive letter). */
        ABSOLUTE,
        /** contains {@code \}. */
        BACKSLASH,
        /** a {@code .} or {@code ..} segment. */
        DOT_SEGMENT,
        /** {@code a//b} (or a trailing {@code /} where an object is meant). */
        EMPTY_SEGMENT,
        /** a control character or an unpaired UTF-16 surrogate. */
        CONTROL_CHARACTER,
        /** longer than 1024 UTF-8 bytes (the S3 limit). */
        TOO_LONG,
        /** the key belongs to another run's prefix {@code runs/<other>/}. */
        OTHER_RUN,
        /** the key is outside the prefix it must stay in. */
        OUTSIDE_PREFIX,
        /** the key resolves, through a symbolic link, outside the local store root. */
        ESCAPES_ROOT,
        /** a local input path outside every allowed root ({@code tailguard.input.allowed-roots}). */
        NOT_ALLOWED
    }

    private final Reason reason;
    private final String key;

    public StoreKeyException(Reason reason, String key, String detail) {
        super("refused object key " + StoreKeys.printable(key) + ": " + detail);
        this.reason = reason;
        this.key = key;
    }

    /** The rule the key broke. */
    public Reason reason() {
        return reason;
    }

    /** The key as given (may hold control characters; use {@link StoreKeys#printable} to show it). */
    public String key() {
        return key;
    }
}
