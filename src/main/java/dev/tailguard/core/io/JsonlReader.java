package dev.tailguard.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.core.doc.Document;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams a JSONL corpus ({@code {"id","text","source","metadata"}} per line, plain or {@code .jsonl.zst}) one line at
 * a time. Lines are read as bytes: a line longer than the limit is skipped without being buffered, and bytes are
 * decoded strictly as UTF-8. Every line yields a {@link JsonlLine}: valid or with the reason it was rejected.
 * A missing {@code id} becomes {@code <file>:<line>}, a missing {@code source} the file name.
 */
public final class JsonlReader implements Iterator<JsonlLine>, Closeable {

    /** Default maximum line size: 8 MiB. */
    public static final long DEFAULT_MAX_LINE_BYTES = 8L << 20;

    private final InputStream in;
    private final String file;
    private final String idPrefix;
    private final long maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
    private long lineNo;
    private JsonlLine next;
    private boolean eof;

    /**
     * @param in           the (already decompressed) byte stream
     * @param file         name used in rejections and default ids
     * @param maxLineBytes lines with more bytes than this are rejected as {@code line_too_large}
     */
    public JsonlReader(InputStream in, String file, long maxLineBytes) {
        this.in = in;
        this.file = file;
        String base = file.replace('\\', '/');
        this.idPrefix = base.substring(base.lastIndexOf('/') + 1);
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens a local file, decompressing {@code .zst}. */
    public static JsonlReader open(Path path, long maxLineBytes) throws IOException {
        return new JsonlReader(Compression.decoding(path.toString(), Files.newInputStream(path)), path.toString(),
                maxLineBytes);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !eof) {
            try {
                next = readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + " after line " + lineNo, e);
            }
        }
        return next != null;
    }

    @Override
    public JsonlLine next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JsonlLine l = next;
        next = null;
        return l;
    }

    private JsonlLine readLine() throws IOException {
        buf.reset();
        long size = 0;
        boolean any = false;
        int b;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            size++;
            if (size <= maxLineBytes) {
                buf.write(b);
            }
        }
        if (!any) {
            eof = true;
            return null;
        }
        if (b == -1) {
            eof = true;
        }
        lineNo++;
        if (size > maxLineBytes) {
            return reject("line_too_large", "line has " + size + " bytes, limit is " + maxLineBytes, rawPrefix());
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        int off = 0;
        if (lineNo == 1 && len >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            off = 3;
        }
        String s;
        try {
            s = decoder.reset().decode(ByteBuffer.wrap(bytes, off, len - off)).toString();
        } catch (CharacterCodingException e) {
            return reject("invalid_utf8", "line is not valid UTF-8", rawPrefix());
        }
        return parse(s);
    }

    private String rawPrefix() {
        byte[] b = buf.toByteArray();
        String s = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.UTF_8);
        return s.length() > 256 ? s.substring(0, 256) : s;
    }

    private JsonlLine reject(String reason, String detail, String raw) {
        return new JsonlLine(file, lineNo, null, reason, detail, raw);
    }

    private JsonlLine parse(String s) {
        String raw = s.length() > 256 ? s.substring(0, 256) : s;
        if (s.isBlank()) {
            return reject("not_json", "blank line", raw);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return reject("not_json", oneLine(e.getOriginalMessage()), raw);
        }
        if (!(node instanceof ObjectNode obj)) {
            return reject("not_json", "line is JSON but not an object", raw);
        }
        JsonNode text = obj.get("text");
        if (text == null || text.isNull()) {
            return reject("missing_text", "field \"text\" is missing", raw);
        }
        if (!text.isTextual()) {
            return reject("text_not_string", "field \"text\" is " + text.getNodeType().name().toLowerCase(), raw);
        }
        if (text.textValue().strip().isEmpty()) {
            return reject("empty_text", "field \"text\" is empty after trimming", raw);
        }
        JsonNode id = obj.get("id");
        String docId;
        if (id == null || id.isNull()) {
            docId = idPrefix + ":" + lineNo;
        } else if (id.isTextual() || id.isIntegralNumber()) {
            docId = id.asText();
        } else {
            return reject("invalid_field", "field \"id\" must be a string or integer", raw);
        }
        JsonNode source = obj.get("source");
        String src = source == null || source.isNull() ? idPrefix : source.isTextual() ? source.textValue() : null;
        if (src == null) {
            return reject("invalid_field", "field \"source\" must be a string", raw);
        }
        JsonNode meta = obj.get("metadata");
        Map<String, Object> m = new LinkedHashMap<>();
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                return reject("invalid_field", "field \"metadata\" must be an object", raw);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = Json.MAPPER.convertValue(meta, LinkedHashMap.class);
            m.putAll(parsed);
        }
        return new JsonlLine(file, lineNo, new Document(docId, text.textValue(), src, m), null, null, null);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
