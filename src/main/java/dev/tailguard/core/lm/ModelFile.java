package dev.tailguard.core.lm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary model format (version {@value #VERSION}), little-endian, every array 8-byte aligned:
 * <pre>
 * header (32 bytes): magic "TGKNLM\0\0" · int version · int order · long payload length · long CRC-32C of payload
 * payload: int V · int pool bytes · int[V+1] word offsets · byte[] UTF-8 word pool
 *          int has-unigram-probabilities · double[V] interpolated unigram probabilities (if present)
 *          int stats count · per order: int order, long n-grams, double D1, D2, D3+, int fallback, long[4] n1..n4
 *          long hash seed of the keys
 *          per order k = 1..N: int size · float[size] log10 p (k = 1 only) · float[size] log10 backoff (k &lt; N)
 *                             · for k &ge; 2: int[size] suffix index · int[size] first word
 *                               · int slots · long[2 slots] (key, value) per slot
 * </pre>
 * An n-gram of order k &ge; 2 is a slot of a linear-probing table keyed by the hash of its words
 * ({@link NgramTables}), the layout of {@link LongIntHashMap} at load factor 2/3 (KenLM's probing multiplier 1.5),
 * so loading copies arrays from a {@link FileChannel#map mapped} file without hashing. A slot's value holds the
 * n-gram's entry index, its float log10 probability and the no-extension flag ({@link LongIntHashMap#ENTRY_MASK}), so
 * a query finds the probability in the slot it probed; the per-n-gram probability array is recovered from the slots.
 * Version 1 (keys made of the suffix's index, the probability in a separate array) is refused with a message
 * saying to save the model again. Discounted interpolation weights are not stored: a loaded model samples with
 * weights derived from its probabilities (exact for interpolated models), as a model read from ARPA does.
 */
final class ModelFile {
    static final byte[] MAGIC = "TGKNLM\0\0".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 2;
    private static final int HEADER = 32;
    /** Bytes mapped at a time when reading. */
    private static final long WINDOW = 1L << 28;

    private ModelFile() {
    }

    // ---- writing --------------------------------------------------------------------------------------------------

    static void save(KneserNeyModel m, Path path) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
            Out out = new Out(ch);
            out.skip(HEADER);
            ByteVocabulary bv = m.byteVocabulary();
            int v = m.vocabSize();
            out.putInt(v);
            out.putInt(bv.pool().length);
            out.putInts(bv.offsets());
            out.putBytes(bv.pool());
            out.putInt(m.unigramProb != null ? 1 : 0);
            if (m.unigramProb != null) {
                out.putDoubles(m.unigramProb);
            }
            List<OrderStats> stats = m.orderStats();
            out.putInt(stats.size());
            for (OrderStats s : stats) {
                out.putInt(s.order());
                out.putLong(s.ngrams());
                out.putDouble(s.d1());
                out.putDouble(s.d2());
                out.putDouble(s.d3plus());
                out.putInt(s.discountFallback() ? 1 : 0);
                out.putLongs(s.countsOfCounts());
            }
            out.putLong(m.seed);
            for (int k = 1; k <= m.order; k++) {
                out.putInt(m.sizes[k]);
                if (k == 1) {
                    out.putFloats(m.logProb[k]);
                }
                if (k < m.order) {
                    out.putFloats(m.logBackoff[k]);
                }
                if (k >= 2) {
                    out.putInts(m.suffix[k]);
                    out.putInts(m.first[k]);
                    LongIntHashMap t = m.tables[k];
                    out.putInt(t.capacity());
                    out.putLongs(t.slots());
                }
            }
            long payload = out.flush() - HEADER;
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(VERSION).putInt(m.order).putLong(payload).putLong(crc(ch, HEADER, payload)).flip();
            ch.write(h, 0);
            ch.force(false);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long crc(FileChannel ch, long from, long length) throws IOException {
        CRC32C c = new CRC32C();
        for (long at = 0; at < length; at += WINDOW) {
            c.update(ch.map(FileChannel.MapMode.READ_ONLY, from + at, Math.min(WINDOW, length - at)));
        }
        return c.getValue();
    }

    /** Buffered little-endian writer that pads every array to 8 bytes. */
    private static final class Out {
        private final FileChannel ch;
        private final ByteBuffer b = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private long pos;

        Out(FileChannel ch) {
            this.ch = ch;
        }

        void skip(int n) throws IOException {
            room(n);
            b.position(b.position() + n);
            pos += n;
        }

        private void room(int n) throws IOException {
            if (b.remaining() < n) {
                b.flip();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                b.clear();
            }
        }

        void putInt(int x) throws IOException {
            room(8);
            b.putInt(x).putInt(0);
            pos += 8;
        }

        void putLong(long x) throws IOException {
            room(8);
            b.putLong(x);
            pos += 8;
        }

        void putDouble(double x) throws IOException {
            putLong(Double.doubleToRawLongBits(x));
        }

        void putInts(int[] a) throws IOException {
            for (int x : a) {
                room(4);
                b.putInt(x);
            }
            pad(a.length * 4L);
        }

        void putFloats(float[] a) throws IOException {
            for (float x : a) {
                room(4);
                b.putFloat(x);
            }
            pad(a.length * 4L);
        }

        void putLongs(long[] a) throws IOException {
            for (long x : a) {
                room(8);
                b.putLong(x);
            }
            pos += a.length * 8L;
        }

        void putDoubles(double[] a) throws IOException {
            for (double x : a) {
                putDouble(x);
            }
        }

        void putBytes(byte[] a) throws IOException {
            for (int i = 0; i < a.length; i += 4096) {
                int n = Math.min(4096, a.length - i);
                room(n);
                b.put(a, i, n);
            }
            pad(a.length);
        }

        private void pad(long bytes) throws IOException {
            int p = (int) ((8 - bytes % 8) % 8);
            room(p);
            for (int i = 0; i < p; i++) {
                b.put((byte) 0);
            }
            pos += bytes + p;
        }

        long flush() throws IOException {
            room(b.capacity());
            return pos;
        }
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    static KneserNeyModel load(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < HEADER) {
                throw new IllegalArgumentException(path + ": not a Tailguard LM file (" + fileSize + " bytes)");
            }
            ByteBuffer h = ch.map(FileChannel.MapMode.READ_ONLY, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            h.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException(path + ": not a Tailguard LM file (bad magic)");
            }
            int version = h.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(path + ": LM file version " + version + ", this build reads "
                        + VERSION + (version < VERSION ? " (an older layout: save the model again with lm --save)"
                        : ""));
            }
            int order = h.getInt();
            long payload = h.getLong();
            long crc = h.getLong();
            if (order < 2 || order > 6 || payload != fileSize - HEADER) {
                throw new IllegalArgumentException(path + ": corrupt LM header (order " + order + ", payload "
                        + payload + " of " + (fileSize - HEADER) + " bytes)");
            }
            long actual = crc(ch, HEADER, payload);
            if (actual != crc) {
                throw new IllegalArgumentException(path + ": LM file checksum mismatch (CRC-32C "
                        + Long.toHexString(actual) + ", header says " + Long.toHexString(crc) + ")");
            }
            return read(new In(ch, HEADER), order);
        }
    }

    private static KneserNeyModel read(In in, int order) throws IOException {
        int v = in.getInt();
        int poolBytes = in.getInt();
        int[] offsets = in.getInts(v + 1);
        byte[] pool = in.getBytes(poolBytes);
        Vocabulary vocab = new Vocabulary();
        for (int i = 0; i < v; i++) {
            String w = new String(pool, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
            if (vocab.add(w) != i) {
                throw new IllegalArgumentException("corrupt LM file: word " + i + " ('" + w + "') out of place");
            }
        }
        double[] unigramProb = in.getInt() == 1 ? in.getDoubles(v) : null;
        int ns = in.getInt();
        List<OrderStats> stats = new ArrayList<>();
        for (int i = 0; i < ns; i++) {
            int k = in.getInt();
            long n = in.getLong();
            double d1 = in.getDouble();
            double d2 = in.getDouble();
            double d3 = in.getDouble();
            boolean fb = in.getInt() == 1;
            stats.add(new OrderStats(k, n, d1, d2, d3, fb, in.getLongs(4)));
        }
        long seed = in.getLong();
        LongIntHashMap[] tables = new LongIntHashMap[order + 1];
        int[][] suffix = new int[order + 1][];
        int[][] first = new int[order + 1][];
        float[][] logProb = new float[order + 1][];
        float[][] logBackoff = new float[order + 1][];
        for (int k = 1; k <= order; k++) {
            int size = in.getInt();
            if (size < 0) {
                throw new IllegalArgumentException("corrupt LM file: order " + k + " has " + size + " n-grams");
            }
            logProb[k] = k == 1 ? in.getFloats(size) : new float[size];
            if (k < order) {
                logBackoff[k] = in.getFloats(size);
            }
            if (k >= 2) {
                int[] suf = in.getInts(size);
                int[] fst = in.getInts(size);
                for (int e = 0; e < size; e++) {
                    if (suf[e] < 0 || suf[e] >= logProb[k - 1].length || fst[e] < 0 || fst[e] >= v) {
                        throw new IllegalArgumentException("corrupt LM file: order " + k + " n-gram " + e
                                + " has suffix " + suf[e] + " and first word " + fst[e]);
                    }
                }
                int slots = in.getInt();
                if (slots <= size || slots > Integer.MAX_VALUE / 2) {
                    throw new IllegalArgumentException("corrupt LM file: order " + k + " table of " + slots
                            + " slots for " + size + " n-grams");
                }
                long[] table = in.getLongs(2 * slots);
                float[] lp = logProb[k];
                int used = 0;
                for (int i = 0; i < slots; i++) {
                    long key = table[2 * i];
                    if (key != LongIntHashMap.EMPTY) {
                        long value = table[2 * i + 1];
                        int e = (int) value & LongIntHashMap.ENTRY_MASK;
                        if (e >= size) {
                            throw new IllegalArgumentException("corrupt LM file: order " + k + " slot " + i
                                    + " points to n-gram " + e + " of " + size);
                        }
                        lp[e] = LongIntHashMap.prob(value);
                        used++;
                    }
                }
                if (used != size) {
                    throw new IllegalArgumentException("corrupt LM file: order " + k + " table holds " + used
                            + " n-grams, header says " + size);
                }
                tables[k] = new LongIntHashMap(table, size);
                suffix[k] = suf;
                first[k] = fst;
            }
        }
        return new KneserNeyModel(order, vocab, new NgramTables(tables, seed), suffix, first, logProb, logBackoff,
                null, unigramProb, stats);
    }

    /** Reads arrays from windows of the mapped file. */
    private static final class In {
        private final FileChannel ch;
        private long pos;

        In(FileChannel ch, long pos) {
            this.ch = ch;
            this.pos = pos;
        }

        private ByteBuffer map(long bytes) throws IOException {
            if (bytes < 0 || pos + bytes > ch.size()) {
                throw new IllegalArgumentException("corrupt LM file: section of " + bytes + " bytes at offset " + pos
                        + " runs past the end");
            }
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, pos, bytes);
            m.order(ByteOrder.LITTLE_ENDIAN);
            return m;
        }

        private static long padded(long bytes) {
            return (bytes + 7) & ~7L;
        }

        int getInt() throws IOException {
            int x = map(8).getInt();
            pos += 8;
            return x;
        }

        long getLong() throws IOException {
            long x = map(8).getLong();
            pos += 8;
            return x;
        }

        double getDouble() throws IOException {
            return Double.longBitsToDouble(getLong());
        }

        int[] getInts(int n) throws IOException {
            int[] a = new int[n];
            for (int i = 0; i < n; ) {
                int c = (int) Math.min(n - i, WINDOW / 4);
                map(c * 4L).asIntBuffer().get(a, i, c);
                pos += c * 4L;
                i += c;
            }
            pos = padded(pos);
            return a;
        }

        float[] getFloats(int n) throws IOException {
            float[] a = new float[n];
            for (int i = 0; i < n; ) {
                int c = (int) Math.min(n - i, WINDOW / 4);
                map(c * 4L).asFloatBuffer().get(a, i, c);
                pos += c * 4L;
                i += c;
            }
            pos = padded(pos);
            return a;
        }

        long[] getLongs(int n) throws IOException {
            long[] a = new long[n];
            for (int i = 0; i < n; ) {
                int c = (int) Math.min(n - i, WINDOW / 8);
                map(c * 8L).asLongBuffer().get(a, i, c);
                pos += c * 8L;
                i += c;
            }
            return a;
        }

        double[] getDoubles(int n) throws IOException {
            double[] a = new double[n];
            for (int i = 0; i < n; ) {
                int c = (int) Math.min(n - i, WINDOW / 8);
                map(c * 8L).asDoubleBuffer().get(a, i, c);
                pos += c * 8L;
                i += c;
            }
            return a;
        }

        byte[] getBytes(int n) throws IOException {
            byte[] a = new byte[n];
            map(n).get(a);
            pos = padded(pos + n);
            return a;
        }
    }
}
