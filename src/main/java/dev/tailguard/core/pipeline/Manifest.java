package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stage manifest: what the stage wrote (keys, counts, gates, metrics). Written last; its presence marks success. */
public final class Manifest {

    private Manifest() {
    }

    /** Writes the manifest as indented JSON. */
    public static void write(ObjectStore store, String key, Map<String, Object> m) {
        try {
            store.put(key, Json.pretty(m));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a manifest. */
    public static Map<String, Object> read(ObjectStore store, String key) {
        try (InputStream in = store.open(key)) {
            return Json.MAPPER.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + store.describe(key), e);
        }
    }

    /** A nested map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    /** A list of keys. */
    @SuppressWarnings("unchecked")
    public static List<String> keys(Map<String, Object> m, String key) {
        Object v = map(m, "keys").get(key);
        return v == null ? List.of() : (List<String>) v;
    }

    /** A count. */
    public static long count(Map<String, Object> m, String key) {
        Object v = map(m, "counts").get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
