package dev.tailguard.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;

/**
 * The one reader of JSONL that Tailguard wrote itself or that a tool reads whole (shards, scores, quarantine,
 * blended re-reads, review samples, the collapse lab's and the bench's corpora): strict UTF-8, one JSON object per
 * non-blank line, parsed with {@link Json#MAPPER}; gzip or zstd by content ({@link Compression#decoding}). Lines are
 * split as bytes ({@link ByteLines}: {@code \n}, {@code \r\n} or a lone {@code \r}, as {@code readLine} splits them)
 * and parsed from bytes ({@link JsonlLineParser}). A line that is not a JSON object raises {@link JsonlFormatException}
 * naming the source and line. Untrusted run input goes through {@link JsonlReader} instead, which quarantines bad
 * lines rather than failing.
 */
public final class JsonlObjects {

    private JsonlObjects() {
    }

    /** Receives one parsed line with its source and 1-based line number. */
    @FunctionalInterface
    public interface Visitor<T> {
        /** @throws IOException to stop reading; it propagates to the caller */
        void accept(T value, String source, long line) throws IOException;
    }

    /**
     * Reads every JSON object line of the stream as {@code type} ({@link JsonNode} keeps the tree, {@link Map} a
     * plain map, a record binds by name).
     *
     * @param source named in errors (file name or store key); its extension is checked against the content
     * @return the number of objects read
     * @throws JsonlFormatException when a line is not valid UTF-8, not JSON, or not an object of {@code type}
     */
    public static <T> long forEach(InputStream in, String source, Class<T> type, Visitor<? super T> visitor)
            throws IOException {
        return forEach(in, source, type, visitor, ByteLines.DEFAULT_BUFFER);
    }

    /** {@link #forEach(InputStream, String, Class, Visitor)} reading {@code bufferSize} bytes at a time. */
    static <T> long forEach(InputStream in, String source, Class<T> type, Visitor<? super T> visitor, int bufferSize)
            throws IOException {
        return forEach(in, source, type, null, visitor, bufferSize);
    }

    /**
     * {@link #forEach(InputStream, String, Class, Visitor)} of the lines whose top-level {@code id} is wanted: each
     * line's id is read first ({@link JsonIdPeek}, nothing else decoded) and a line whose id {@code wantId} refuses is
     * skipped unparsed (so neither checked nor counted); a line without a readable string id is parsed and visited
     * as usual. For Tailguard's own shards, whose lines it wrote and checked.
     *
     * @param wantId null to visit every line
     */
    static <T> long forEach(InputStream in, String source, Class<T> type, Predicate<String> wantId,
                            Visitor<? super T> visitor, int bufferSize) throws IOException {
        JsonlLineParser<T> parser = new JsonlLineParser<>(type);
        long objects = 0;
        try (InputStream raw = in; ByteLines lines = new ByteLines(Compression.decoding(source, raw), bufferSize)) {
            while (lines.next()) {
                if (wantId != null && lines.length() > 0) {
                    String id = JsonIdPeek.id(lines.buffer(), lines.start(), lines.length());
                    if (id != null && !wantId.test(id)) {
                        continue;
                    }
                }
                T value = parser.parse(lines.buffer(), lines.start(), lines.length(), source, lines.lineNumber());
                if (value != null) {
                    visitor.accept(value, source, lines.lineNumber());
                    objects++;
                }
            }
        }
        return objects;
    }

    /** {@link #forEach(InputStream, String, Class, Visitor)} over a local file. */
    public static <T> long forEach(Path file, Class<T> type, Visitor<? super T> visitor) throws IOException {
        return forEach(Files.newInputStream(file), file.toString(), type, visitor);
    }

    /**
     * {@link #forEach(InputStream, String, Class, Visitor)} over store objects, in the order of {@code keys}.
     *
     * @throws UncheckedIOException naming the object when it cannot be read
     */
    public static <T> long forEach(ObjectStore store, List<String> keys, Class<T> type, Visitor<? super T> visitor) {
        return forEach(store, keys, type, null, visitor);
    }

    /**
     * {@link #forEach(ObjectStore, List, Class, Visitor)} of the lines whose {@code id} {@code wantId} accepts, the
     * others skipped without being parsed (see {@link #forEach(InputStream, String, Class, Predicate, Visitor, int)}).
     *
     * @param wantId null to visit every line
     */
    public static <T> long forEach(ObjectStore store, List<String> keys, Class<T> type, Predicate<String> wantId,
                                   Visitor<? super T> visitor) {
        long n = 0;
        for (String key : keys) {
            try {
                n += forEach(store.open(key), key, type, wantId, visitor, ByteLines.DEFAULT_BUFFER);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + store.describe(key) + ": " + e.getMessage(), e);
            }
        }
        return n;
    }

    /**
     * The string value of a required field.
     *
     * @throws JsonlFormatException naming the source, line and field when it is missing or not a string
     */
    public static String requireText(JsonNode object, String field, String source, long line) {
        JsonNode v = object.get(field);
        if (v == null || !v.isTextual()) {
            throw new JsonlFormatException(source, line, "field '" + field + "' is " + (v == null ? "missing"
                    : "not a string"));
        }
        return v.asText();
    }

    /** A line that is not a JSON object; the message starts with {@code <source> line <n>:}. */
    public static final class JsonlFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The file or key. */
        private final String source;
        /** The 1-based line number. */
        private final long line;

        /** @param problem what is wrong with the line */
        public JsonlFormatException(String source, long line, String problem) {
            super(source + " line " + line + ": " + problem);
            this.source = source;
            this.line = line;
        }

        /** The file or key named by the error. */
        public String source() {
            return source;
        }

        /** The 1-based line number. */
        public long line() {
            return line;
        }
    }
}
