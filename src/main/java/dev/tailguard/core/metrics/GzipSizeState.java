package dev.tailguard.core.metrics;

import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Streaming, mergeable numerator and denominator of the compression ratio (collapse-anchors §7: bytes(" ".join(docs))
 * / bytes(gzip(same)), gzip level 9 as Python's {@code gzip.compress}).
 *
 * <p>Exact definition used here: {@link #rawBytes()} is the UTF-8 size of {@code " ".join(docs)} over every document
 * added to this state or merged into it (one joining space between consecutive documents, also across merges).
 * {@link #gzipBytes()} is the size of a multi-member gzip file: each state compresses its own documents as one
 * member (deflate level 9, 32 KiB window, plus the 18-byte gzip header and trailer); {@link #merge} concatenates
 * members. A state that was never merged therefore equals the one-pass Python value exactly up to deflate
 * implementation details (both use zlib); a merge of k shards differs from one pass by at most k−1 extra 18-byte
 * headers plus the loss of back-references in the first 32 KiB of each later shard. Reading {@link #gzipBytes()}
 * closes the current member (a following {@link #add} starts a new one). Memory: one zlib stream (≈ 300 KiB native)
 * while a member is open.
 */
public final class GzipSizeState {

    private static final int GZIP_FRAMING = 18;
    private static final byte[] SPACE = {' '};

    private Deflater deflater;
    private final byte[] buf = new byte[64 * 1024];
    private long rawBytes;
    private long closedBytes;
    private long openBytes;
    private long docs;
    private boolean memberHasData;

    /** Adds one document's text. */
    public void add(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (deflater == null) {
            deflater = new Deflater(9, true);
            openBytes = GZIP_FRAMING;
            memberHasData = false;
        }
        if (docs > 0) {
            rawBytes += 1;
            if (memberHasData) {
                feed(SPACE);
            }
        }
        feed(b);
        memberHasData = true;
        rawBytes += b.length;
        docs++;
    }

    private void feed(byte[] b) {
        deflater.setInput(b);
        while (!deflater.needsInput()) {
            openBytes += deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
        }
    }

    private void close() {
        if (deflater != null) {
            deflater.finish();
            while (!deflater.finished()) {
                openBytes += deflater.deflate(buf);
            }
            deflater.end();
            deflater = null;
            closedBytes += openBytes;
            openBytes = 0;
        }
    }

    /** Appends the documents of {@code other} after this state's documents (closes both open members). */
    public void merge(GzipSizeState other) {
        close();
        other.close();
        if (docs > 0 && other.docs > 0) {
            rawBytes += 1;
        }
        rawBytes += other.rawBytes;
        closedBytes += other.closedBytes;
        docs += other.docs;
    }

    /** UTF-8 bytes of the space-joined documents. */
    public long rawBytes() {
        return rawBytes;
    }

    /** Bytes of the (multi-member) gzip encoding; closes the open member. */
    public long gzipBytes() {
        close();
        return closedBytes;
    }

    /** rawBytes / gzipBytes; 0 when nothing was added. */
    public double ratio() {
        long g = gzipBytes();
        return g == 0 ? 0.0 : (double) rawBytes / g;
    }

    /** Number of documents. */
    public long documents() {
        return docs;
    }
}
