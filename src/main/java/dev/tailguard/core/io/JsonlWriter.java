package dev.tailguard.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes one JSON value per line (UTF-8, {@code \n}), plain or zstd by file name. Counts records. */
public final class JsonlWriter implements Closeable {

    private final OutputStream out;
    private long records;
    private long bytes;

    /** Wraps an output stream (compressed by {@code name} when it ends in {@code .zst}). */
    public JsonlWriter(String name, OutputStream raw) throws IOException {
        this.out = Compression.encoding(name, raw);
    }

    /** Creates or truncates a local file. */
    public static JsonlWriter create(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new JsonlWriter(file.toString(), Files.newOutputStream(file));
    }

    /** Writes a value (a map, record or list) as one line. */
    public void write(Object value) throws IOException {
        byte[] line = Json.write(value).getBytes(StandardCharsets.UTF_8);
        out.write(line);
        out.write('\n');
        records++;
        bytes += line.length + 1;
    }

    /** UTF-8 bytes written (lines and their line ends, before any compression). */
    public long bytes() {
        return bytes;
    }

    /** Number of records written. */
    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
