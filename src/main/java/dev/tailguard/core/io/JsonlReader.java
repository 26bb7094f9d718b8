package dev.tailguard.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.store.StoreKeys;

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
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams a JSONL corpus ({@code {"id","text","source","metadata"}} per line; plain, gzip or zstd by content) one
 * line at a time. Lines are read as bytes: a line longer than the limit is skipped without being buffered, and bytes
 * are decoded strictly as UTF-8. Every line yields a {@link JsonlLine}: valid or with the reason it was rejected,
 * never silently repaired: a string holding a lone UTF-16 surrogate after JSON unescaping ({@code "\ud800"}) is
 * {@code lone_surrogate} (it cannot be written back as UTF-8), bytes after the JSON object are
 * {@code trailing_data}. The text is read from {@link ReadOptions#textField()}; provenance-like metadata is kept
 * only as the line's claim ({@link ClaimedProvenance}). A missing {@code id} becomes {@code <file>:<line>}, a
 * missing {@code source} the file name.
 */
public final class JsonlReader implements Iterator<JsonlLine>, Closeable {

    /** Default maximum line size: 8 MiB. */
    public static final long DEFAULT_MAX_LINE_BYTES = 8L << 20;

    private final InputStream in;
    private final String file;
    private final String idPrefix;
    private final long maxLineBytes;
    private final ReadOptions options;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] readBuf = new byte[1 << 16];
    private int readPos;
    private int readLimit;
    private byte[] line = new byte[1 << 12];
    private int lineLen;
    private long lineNo;
    private JsonlLine next;
    private boolean eof;

    /**
     * @param in           the (already decompressed) byte stream
     * @param file         name used in rejections and default ids
     * @param maxLineBytes lines with more bytes than this are rejected as {@code line_too_large}; provenance is
     *                     trusted only for {@code store:runs/<id>/blended/...} names (Tailguard's own output)
     */
    public JsonlReader(InputStream in, String file, long maxLineBytes) {
        this(in, file, new ReadOptions(maxLineBytes, ReadOptions.DEFAULT_TEXT_FIELD, !isPublishedOutput(file)));
    }

    /**
     * Whether an input name of the stages ({@code store:runs/<id>/blended/...}) is Tailguard's own published
     * output, whose provenance metadata is read as provenance; every other input's is only a claim.
     */
    static boolean isPublishedOutput(String name) {
        if (!name.startsWith("store:")) {
            return false;
        }
        try {
            return StoreKeys.isPublishedOutput(StoreKeys.normalize(name.substring("store:".length())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param in      the (already decompressed) byte stream
     * @param file    name used in rejections and default ids
     * @param options line limit, text field and provenance handling
     */
    public JsonlReader(InputStream in, String file, ReadOptions options) {
        this.in = in;
        this.file = file;
        String base = file.replace('\\', '/');
        this.idPrefix = base.substring(base.lastIndexOf('/') + 1);
        this.options = options;
        this.maxLineBytes = options.maxLineBytes();
    }

    /** Opens a local file, decompressing gzip or zstd (by content). */
    public static JsonlReader open(Path path, long maxLineBytes) throws IOException {
        return open(path, ReadOptions.defaults().withMaxLineBytes(maxLineBytes));
    }

    /** Opens a local file, decompressing gzip or zstd (by content). */
    public static JsonlReader open(Path path, ReadOptions options) throws IOException {
        return new JsonlReader(Compression.decoding(path.toString(), Files.newInputStream(path)), path.toString(),
                options);
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

    /**
     * Reads the next line through a bulk buffer (no per-byte stream call): bytes up to the limit are kept, the rest
     * of an over-long line is only counted.
     */
    private JsonlLine readLine() throws IOException {
        lineLen = 0;
        long size = 0;
        boolean any = false;
        boolean newline = false;
        while (true) {
            if (readPos == readLimit) {
                int n = in.read(readBuf, 0, readBuf.length);
                if (n < 0) {
                    break;
                }
                readPos = 0;
                readLimit = n;
                continue;
            }
            any = true;
            int start = readPos;
            int i = start;
            byte[] rb = readBuf;
            int lim = readLimit;
            while (i < lim && rb[i] != '\n') {
                i++;
            }
            keep(start, i - start, size);
            size += i - start;
            if (i < lim) {
                readPos = i + 1;
                newline = true;
                break;
            }
            readPos = lim;
        }
        if (!any) {
            eof = true;
            return null;
        }
        if (!newline) {
            eof = true;
        }
        lineNo++;
        if (size > maxLineBytes) {
            return reject("line_too_large", "line has " + size + " bytes, limit is " + maxLineBytes, rawPrefix());
        }
        byte[] bytes = line;
        int len = lineLen;
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

    /** Appends the part of {@code readBuf[start, start+count)} that still fits under the line limit. */
    private void keep(int start, int count, long sizeBefore) {
        long room = maxLineBytes - sizeBefore;
        int n = (int) Math.min(count, Math.max(0, room));
        if (n == 0) {
            return;
        }
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + n, 2 * line.length));
        }
        System.arraycopy(readBuf, start, line, lineLen, n);
        lineLen += n;
    }

    private String rawPrefix() {
        String s = new String(line, 0, Math.min(lineLen, 1024), StandardCharsets.UTF_8);
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
        try (JsonParser p = Json.MAPPER.createParser(s)) {
            node = Json.MAPPER.readTree(p);
            if (node != null && trailing(p)) {
                return reject("trailing_data", "bytes after the JSON value at column "
                        + p.currentLocation().getColumnNr(), raw);
            }
        } catch (JsonProcessingException e) {
            return reject("not_json", oneLine(e.getOriginalMessage()), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode obj)) {
            return reject("not_json", "line is JSON but not an object", raw);
        }
        String surrogate = loneSurrogate(obj, "");
        if (surrogate != null) {
            return reject("lone_surrogate", "field \"" + surrogate + "\" holds an unpaired UTF-16 surrogate", raw);
        }
        return toDocument(obj, raw);
    }

    private static boolean trailing(JsonParser p) throws IOException {
        try {
            return p.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private JsonlLine toDocument(ObjectNode obj, String raw) {
        String tf = options.textField();
        JsonNode text = obj.get(tf);
        if (text == null || text.isNull()) {
            return reject("missing_text", "field \"" + tf + "\" is missing", raw);
        }
        if (!text.isTextual()) {
            return reject("text_not_string", "field \"" + tf + "\" is " + text.getNodeType().name().toLowerCase(), raw);
        }
        if (text.textValue().strip().isEmpty()) {
            return reject("empty_text", "field \"" + tf + "\" is empty after trimming", raw);
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
        Document d = new Document(docId, text.textValue(), src, m);
        return new JsonlLine(file, lineNo, options.untrustProvenance() ? ClaimedProvenance.untrust(d) : d,
                null, null, null);
    }

    /** The path of the first field name or string value holding an unpaired surrogate, or null. */
    static String loneSurrogate(JsonNode n, String path) {
        if (n.isTextual()) {
            return hasLoneSurrogate(n.textValue()) ? (path.isEmpty() ? "(value)" : path) : null;
        }
        if (n.isObject()) {
            for (Iterator<Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (hasLoneSurrogate(e.getKey())) {
                    return p + " (name)";
                }
                String found = loneSurrogate(e.getValue(), p);
                if (found != null) {
                    return found;
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String found = loneSurrogate(n.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Whether the string has a high surrogate not followed by a low one, or a low one not preceded by a high one. */
    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
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
