package dev.tailguard.core.io;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Streams records back from JSONL objects in a store (written by {@link ShardWriter}). */
public final class Shards {

    private Shards() {
    }

    /**
     * Calls the consumer with each JSON object of each key, in key order ({@link JsonlObjects}).
     *
     * @throws JsonlObjects.JsonlFormatException naming the key and line of a line that is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static void forEachObject(ObjectStore store, List<String> keys, Consumer<Map<String, Object>> consumer) {
        JsonlObjects.forEach(store, keys, Map.class, (m, key, line) -> consumer.accept((Map<String, Object>) m));
    }

    /** Calls the consumer with each document of each key, in key order. */
    public static void forEachDocument(ObjectStore store, List<String> keys, Consumer<Document> consumer) {
        forEachObject(store, keys, m -> consumer.accept(Documents.fromMap(m)));
    }

    /**
     * Calls the consumer with each document of each key whose id {@code wantId} accepts, in key order; the other
     * lines are skipped on their id alone, never parsed ({@link JsonIdPeek}).
     */
    @SuppressWarnings("unchecked")
    public static void forEachDocument(ObjectStore store, List<String> keys, Predicate<String> wantId,
                                       Consumer<Document> consumer) {
        JsonlObjects.forEach(store, keys, Map.class, wantId, (m, key, line) -> {
            Document d = Documents.fromMap((Map<String, Object>) m);
            if (wantId.test(d.id())) {
                consumer.accept(d);
            }
        });
    }

    /** Counts the records (non-empty lines, split as {@link ByteLines} splits them, never decoded) of the objects. */
    public static long count(ObjectStore store, List<String> keys) {
        long n = 0;
        for (String key : keys) {
            try (ByteLines lines = new ByteLines(Compression.decoding(key, store.open(key)))) {
                while (lines.next()) {
                    if (lines.length() > 0) {
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + store.describe(key), e);
            }
        }
        return n;
    }
}
