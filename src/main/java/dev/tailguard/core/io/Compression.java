package dev.tailguard.core.io;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Chooses plain or zstd streams by name: names ending in {@code .zst} are zstd-compressed. */
public final class Compression {

    private Compression() {
    }

    /** Whether the file or key name denotes a zstd stream. */
    public static boolean isZstd(String name) {
        return name.endsWith(".zst");
    }

    /** Wraps the raw stream in a decompressor when the name ends in {@code .zst}. */
    public static InputStream decoding(String name, InputStream raw) throws IOException {
        InputStream in = isZstd(name) ? new ZstdInputStream(new BufferedInputStream(raw, 1 << 16)) : raw;
        return new BufferedInputStream(in, 1 << 16);
    }

    /** Wraps the raw stream in a compressor (level 3, single-threaded so output is deterministic) when zstd. */
    public static OutputStream encoding(String name, OutputStream raw) throws IOException {
        OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        return isZstd(name) ? new BufferedOutputStream(new ZstdOutputStream(buffered, 3), 1 << 16) : buffered;
    }
}
