package dev.tailguard.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads the {@code id} of one JSON object line without building the object: Jackson's streaming parser walks the
 * top-level fields and skips every other value, and a string it skips is never decoded (a document's text costs a
 * scan for its closing quote, not a {@code String}). A reader that wants only some ids (a blend task's kept
 * documents, a merge's sample) parses the rest of a line only when its id is wanted.
 */
public final class JsonIdPeek {

    private JsonIdPeek() {
    }

    /**
     * The string value of the top-level {@code id} field of the UTF-8 JSON object in {@code bytes[off, off + len)},
     * or null when the line is not an object, has no string {@code id}, or is not valid JSON up to that field (the
     * caller then parses the line in full, which reports the error).
     */
    public static String id(byte[] bytes, int off, int len) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean isId = "id".equals(p.currentName());
                JsonToken v = p.nextToken();
                if (isId) {
                    return v == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
