package dev.tailguard.core.io;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/**
 * Chooses plain, gzip or zstd streams. Writing goes by name (names ending in {@code .zst} are zstd-compressed);
 * reading goes by content: the gzip magic {@code 1f 8b} and the zstd frame magic {@code 28 b5 2f fd} are
 * recognised whatever the name, so a {@code .jsonl.gz} (or a compressed file with a plain name) is never read as
 * malformed text.
 */
public final class Compression {

    private static final int BUF = 1 << 16;

    /** The codec of a stream. */
    public enum Codec { PLAIN, GZIP, ZSTD }

    private Compression() {
    }

    /** Whether the file or key name denotes a zstd stream. */
    public static boolean isZstd(String name) {
        return name.endsWith(".zst");
    }

    /** Whether the file or key name denotes a gzip stream. */
    public static boolean isGzip(String name) {
        return name.endsWith(".gz");
    }

    /**
     * Wraps the raw stream in a decompressor chosen by its first bytes (gzip or zstd magic); falls back to the
     * name's extension only to report a clear error when a {@code .gz}/{@code .zst} name holds something else.
     *
     * @throws IOException when the name promises compression the content does not have
     */
    public static InputStream decoding(String name, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUF);
        Codec codec = sniff(in);
        if (codec == Codec.PLAIN && (isGzip(name) || isZstd(name)) && !isEmpty(in)) {
            throw new IOException(name + " is named as " + (isGzip(name) ? "gzip" : "zstd")
                    + " but does not start with that format's magic bytes");
        }
        InputStream decoded = switch (codec) {
            case GZIP -> new GZIPInputStream(in, BUF);
            case ZSTD -> new ZstdInputStream(in);
            case PLAIN -> in;
        };
        return codec == Codec.PLAIN ? in : new BufferedInputStream(decoded, BUF);
    }

    /** The codec of a stream by its magic bytes; the stream must support mark/reset and is left unconsumed. */
    public static Codec sniff(InputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Codec.GZIP;
        }
        if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return Codec.ZSTD;
        }
        return Codec.PLAIN;
    }

    private static boolean isEmpty(InputStream in) throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b < 0;
    }

    /** Wraps the raw stream in a compressor (level 3, single-threaded so output is deterministic) when zstd. */
    public static OutputStream encoding(String name, OutputStream raw) throws IOException {
        OutputStream buffered = new BufferedOutputStream(raw, BUF);
        return isZstd(name) ? new BufferedOutputStream(new ZstdOutputStream(buffered, 3), BUF) : buffered;
    }
}
