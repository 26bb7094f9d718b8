package dev.tailguard.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tailguard.core.io.JsonlObjects.JsonlFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one line of Tailguard's own JSONL, given as UTF-8 bytes (a {@link ByteLines} view), with Jackson's UTF-8
 * byte parser: no {@code String} of the line is built. The rules are those of {@link JsonlObjects}: the line must be
 * strict UTF-8 ({@link Utf8}), a blank line (only {@link Character#isWhitespace} characters) is skipped, a line must
 * be one JSON object of the type; otherwise {@link JsonlFormatException} names the source and line. Lines whose first
 * non-blank byte is not ASCII, and lines with a NUL byte in their first four (where Jackson would guess UTF-16 or
 * UTF-32 from the bytes), go through the decoded-text path, whose result is the same by construction.
 *
 * @param <T> what a line is bound to ({@code JsonNode}, {@code Map}, a record)
 */
public final class JsonlLineParser<T> {

    private final Class<T> type;
    private final ObjectReader reader;

    /** A parser binding each line to {@code type} with {@link Json#MAPPER}. */
    public JsonlLineParser(Class<T> type) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
    }

    /**
     * Parses {@code b[off, off+len)} (the line without its terminator).
     *
     * @param source named in errors (file or key)
     * @param line   1-based line number named in errors
     * @return the object, or null when the line is blank
     * @throws JsonlFormatException when the line is not valid UTF-8, not JSON, or not an object of the type
     */
    public T parse(byte[] b, int off, int len, String source, long line) {
        int end = off + len;
        if (!Utf8.isValid(b, off, end)) {
            throw new JsonlFormatException(source, line, "not valid UTF-8");
        }
        int k = off;
        while (k < end && b[k] >= 0 && Character.isWhitespace(b[k])) {
            k++;
        }
        if (k == end) {
            return null;
        }
        if (b[k] < 0 || hasNul(b, off, Math.min(end, off + 4))) {
            return parseText(new String(b, off, len, StandardCharsets.UTF_8), source, line);
        }
        if (b[k] != '{') {
            throw notAnObject(source, line);
        }
        try {
            return nonNull(reader.readValue(b, off, len), source, line);
        } catch (JsonProcessingException e) {
            throw invalid(e, source, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing an array does no I/O
        }
    }

    /** The decoded-text path (what {@link JsonlObjects} did before lines were read as bytes). */
    T parseText(String text, String source, long line) {
        if (text.isBlank()) {
            return null;
        }
        if (text.stripLeading().charAt(0) != '{') {
            throw notAnObject(source, line);
        }
        try {
            return nonNull(reader.readValue(text), source, line);
        } catch (JsonProcessingException e) {
            throw invalid(e, source, line);
        }
    }

    private static boolean hasNul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static <V> V nonNull(V value, String source, long line) {
        if (value == null) {
            throw notAnObject(source, line);
        }
        return value;
    }

    private static JsonlFormatException notAnObject(String source, long line) {
        return new JsonlFormatException(source, line, "invalid JSON: not an object");
    }

    private JsonlFormatException invalid(JsonProcessingException e, String source, long line) {
        return new JsonlFormatException(source, line, "invalid JSON for " + type.getSimpleName() + ": "
                + e.getOriginalMessage());
    }
}
