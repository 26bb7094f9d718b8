package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.ByteLines;
import dev.tailguard.core.io.Compression;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.JsonlLineParser;
import dev.tailguard.core.io.JsonlObjects;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.TaskSpec;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Splits a stream of records stored in shards into bounded {@link TaskSpec} ranges, and reads a range back. A task
 * closes when it holds {@link TaskLimits#maxRecords()} records or its text reaches {@link TaskLimits#maxBytes()}.
 */
public final class TaskRanges {

    private final TaskLimits limits;
    private final String side;
    private final List<String> keys = new ArrayList<>();
    private final List<Long> firstOrdinal = new ArrayList<>();
    private final List<TaskSpec> tasks = new ArrayList<>();
    private int firstIndex;
    private long ordinal;
    private long start = -1;
    private long bytes;

    /**
     * @param limits     task bounds
     * @param side       side name recorded on each task
     * @param firstIndex index of the first task produced
     */
    public TaskRanges(TaskLimits limits, String side, int firstIndex) {
        this.limits = limits;
        this.side = side;
        this.firstIndex = firstIndex;
    }

    /** Adds the next record: the shard key it lives in and its text size in UTF-8 bytes. */
    public void add(String shardKey, long textBytes) {
        if (keys.isEmpty() || !keys.get(keys.size() - 1).equals(shardKey)) {
            keys.add(shardKey);
            firstOrdinal.add(ordinal);
        }
        if (start < 0) {
            start = ordinal;
            bytes = 0;
        }
        ordinal++;
        bytes += textBytes;
        if (ordinal - start >= limits.maxRecords() || bytes >= limits.maxBytes()) {
            close();
        }
    }

    private void close() {
        if (start < 0) {
            return;
        }
        List<String> touched = new ArrayList<>();
        long skip = -1;
        for (int i = 0; i < keys.size(); i++) {
            long from = firstOrdinal.get(i);
            long to = i + 1 < keys.size() ? firstOrdinal.get(i + 1) : ordinal;
            if (to > start && from < ordinal) {
                if (skip < 0) {
                    skip = start - from;
                }
                touched.add(keys.get(i));
            }
        }
        tasks.add(new TaskSpec(firstIndex + tasks.size(), side, touched, skip, ordinal - start, start));
        start = -1;
    }

    /** The tasks (the last, partial one included). */
    public List<TaskSpec> finish() {
        close();
        return List.copyOf(tasks);
    }

    /** Index of the task the next {@link #add}ed record falls into. */
    public int pendingTask() {
        return firstIndex + tasks.size();
    }

    /** Records added so far. */
    public long records() {
        return ordinal;
    }

    /** UTF-8 size of a text. */
    public static long utf8(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /** Calls the consumer with each document of the task's range, in order. */
    public static void forEachDocument(ObjectStore store, TaskSpec t, Consumer<Document> consumer) {
        forEachObject(store, t, null, m -> consumer.accept(Documents.fromMap(m)));
    }

    /**
     * Calls the consumer with each document of the task's range whose id {@code wantId} accepts, in order; a record
     * whose id it refuses is skipped on its id alone ({@link dev.tailguard.core.io.JsonIdPeek}), never parsed, but
     * still counted against the range.
     */
    public static void forEachDocument(ObjectStore store, TaskSpec t, Predicate<String> wantId,
                                       Consumer<Document> consumer) {
        forEachObject(store, t, wantId, m -> {
            Document d = Documents.fromMap(m);
            if (wantId.test(d.id())) {
                consumer.accept(d);
            }
        });
    }

    /**
     * Calls the consumer with each JSON object of the task's range, in order, counting each one for the progress bar
     * ({@link dev.tailguard.core.pipeline.runner.LiveDocuments#tick()}) after the consumer returns. The lines before
     * the range are skipped as bytes ({@link ByteLines#skipNonEmpty}) and the range's lines parsed from bytes
     * ({@link JsonlLineParser}), never decoded into a {@code String} first.
     *
     * @throws JsonlObjects.JsonlFormatException naming the key and line of a record that is not a JSON object
     * @throws UncheckedIOException              naming the object when it cannot be read
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void forEachObject(ObjectStore store, TaskSpec t, Consumer<Map<String, Object>> consumer) {
        forEachObject(store, t, null, consumer);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void forEachObject(ObjectStore store, TaskSpec t, Predicate<String> wantId,
                                      Consumer<Map<String, Object>> consumer) {
        try (Cursor cursor = new Cursor(store)) {
            forEachObject(cursor, t, wantId, consumer);
        }
    }

    /** What {@link #forEachDocument(ObjectStore, List, TaskDocuments)} calls for each task's documents. */
    @FunctionalInterface
    public interface TaskDocuments {

        /** Whether document {@code id} of the {@code task}-th task is wanted (else skipped on its id, unparsed). */
        boolean wantId(int task, String id);

        /** A wanted document of the {@code task}-th task (by default nothing: a pass that only reads ids). */
        default void accept(int task, Document d) {
        }
    }

    /**
     * As {@link #forEachDocument(ObjectStore, TaskSpec, Predicate, Consumer)} for each task in turn ({@code task} is
     * its position in the list), the same documents in the same order; a task that starts where the previous one
     * stopped in the same shard goes on reading it instead of reopening the shard and skipping to its start.
     */
    public static void forEachDocument(ObjectStore store, List<TaskSpec> tasks, TaskDocuments visitor) {
        try (Cursor cursor = new Cursor(store)) {
            for (int i = 0; i < tasks.size(); i++) {
                int task = i;
                Predicate<String> want = id -> visitor.wantId(task, id);
                forEachObject(cursor, tasks.get(i), want, m -> {
                    Document d = Documents.fromMap(m);
                    if (want.test(d.id())) {
                        visitor.accept(task, d);
                    }
                });
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void forEachObject(Cursor cursor, TaskSpec t, Predicate<String> wantId,
                                      Consumer<Map<String, Object>> consumer) {
        JsonlLineParser<Map> parser = new JsonlLineParser<>(Map.class);
        long skip = t.skip();
        long left = t.count();
        for (String key : t.keys()) {
            if (left == 0) {
                return;
            }
            try {
                skip -= cursor.at(key, skip);
                ByteLines lines = cursor.lines();
                while (left > 0 && lines.next()) {
                    if (lines.length() == 0) {
                        continue;
                    }
                    cursor.consumed();
                    if (wantId != null) {
                        String id = dev.tailguard.core.io.JsonIdPeek.id(lines.buffer(), lines.start(), lines.length());
                        if (id != null && !wantId.test(id)) {
                            dev.tailguard.core.pipeline.runner.LiveDocuments.tick();
                            left--;
                            continue;
                        }
                    }
                    Map<String, Object> m = parser.parse(lines.buffer(), lines.start(), lines.length(), key,
                            lines.lineNumber());
                    if (m == null) {
                        throw new JsonlObjects.JsonlFormatException(key, lines.lineNumber(), "blank record");
                    }
                    consumer.accept(m);
                    dev.tailguard.core.pipeline.runner.LiveDocuments.tick();
                    left--;
                }
            } catch (IOException e) {
                cursor.close();
                throw new UncheckedIOException("reading " + cursor.store.describe(key), e);
            }
        }
        if (left > 0) {
            throw new IllegalStateException("task " + t.index() + " expected " + t.count() + " records in " + t.keys()
                    + ", found " + (t.count() - left));
        }
    }

    /** One open shard and how many of its non-empty lines were read, kept across consecutive tasks. */
    private static final class Cursor implements AutoCloseable {
        private final ObjectStore store;
        private String key;
        private ByteLines lines;
        private long position;

        Cursor(ObjectStore store) {
            this.store = store;
        }

        /**
         * Positions the reader before the non-empty line {@code skip} of {@code key}: goes on in the open shard when
         * it is that key and not past the line, else opens it. Returns the lines skipped (fewer than {@code skip}
         * only when the shard ends first).
         */
        long at(String key, long skip) throws IOException {
            if (lines != null && key.equals(this.key) && position <= skip) {
                long skipped = lines.skipNonEmpty(skip - position);
                position += skipped;
                return position;
            }
            close();
            lines = open(store, key);
            this.key = key;
            position = lines.skipNonEmpty(skip);
            return position;
        }

        ByteLines lines() {
            return lines;
        }

        void consumed() {
            position++;
        }

        @Override
        public void close() {
            if (lines != null) {
                try {
                    lines.close();
                } catch (IOException ignored) {
                    // nothing was lost: the lines were read
                }
                lines = null;
                key = null;
            }
        }
    }

    private static ByteLines open(ObjectStore store, String key) throws IOException {
        InputStream raw = store.open(key);
        try {
            return new ByteLines(Compression.decoding(key, raw));
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the read failure is what the caller reports
            }
        }
    }
}
