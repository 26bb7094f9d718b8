package dev.tailguard.storage;

import java.util.Locale;
import java.util.Optional;

/**
 * Which object store to use. {@code tailguard.store} ({@code local} or {@code s3}, env {@code TAILGUARD_STORE}) is
 * the selector; the older {@code tailguard.store.type} is accepted as an alias when {@code tailguard.store} is unset.
 * Both may coexist with the {@code tailguard.store.root} and {@code tailguard.store.s3.*} groups: SmallRye Config
 * keeps a value on {@code tailguard.store} next to keys below it, it only cannot be a member of the
 * {@code tailguard} {@code @ConfigMapping} group of the same name, so it is read as a plain property.
 */
public final class StoreSelection {

    /** The selector key. */
    public static final String KEY = "tailguard.store";
    /** The alias key (the spine's original name). */
    public static final String ALIAS = "tailguard.store.type";
    /** Known kinds. */
    public static final String LOCAL = "local";
    public static final String S3 = "s3";

    private StoreSelection() {
    }

    /** The store kind: {@code tailguard.store}, else {@code tailguard.store.type}, else {@code local}. */
    public static String kind(Optional<String> store, Optional<String> type) {
        String v = store.filter(s -> !s.isBlank()).or(() -> type.filter(s -> !s.isBlank())).orElse(LOCAL)
                .trim().toLowerCase(Locale.ROOT);
        if (!LOCAL.equals(v) && !S3.equals(v)) {
            String key = store.filter(s -> !s.isBlank()).isPresent() ? KEY : ALIAS;
            throw new IllegalArgumentException(key + " must be local or s3, was '" + v + "'");
        }
        return v;
    }
}
