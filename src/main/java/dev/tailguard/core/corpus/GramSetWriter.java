package dev.tailguard.core.corpus;

import dev.tailguard.core.collections.LongRadixSort;
import dev.tailguard.core.collections.NgramHash;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link GramSet} file (the distinct 64-bit k-gram hashes of a corpus, sorted) in bounded memory by an
 * external sort: hashes are buffered in two arrays of {@code chunk / 2} longs; a full array is sorted, de-duplicated
 * and spilled to a run file in a temporary folder on a thread of its own while the caller fills the other one (the
 * caller waits only when both are full); {@link #writeTo} merges the runs (k-way, de-duplicating) into the final
 * file, whose content depends only on the hashes added, not on where the runs were cut. A run is sorted by
 * {@link LongRadixSort} in a scratch array of half a chunk. Heap: 12 bytes × chunk (24 MiB by default) whatever the
 * corpus size; disk: 8 bytes per buffered hash. Not thread-safe (one caller);
 * {@link #close} deletes the temporary files.
 */
public final class GramSetWriter implements AutoCloseable {

    /** Default buffer size in hashes (16 MiB: the score plan holds it beside the reference models' trainers). */
    public static final int DEFAULT_CHUNK = 1 << 21;

    private final int k;
    private long[] buffer;
    private long[] spare;
    /** The spill thread's radix-sort scratch, as long as a buffer (allocated with the first spill). */
    private long[] scratch;
    private final Path dir;
    private final List<Path> runs = new ArrayList<>();
    private final java.util.concurrent.ThreadPoolExecutor spiller;
    private java.util.concurrent.Future<?> spilling;
    private int filled;
    private long tokens;

    /** A writer of k-grams with the default buffer. */
    public GramSetWriter(int k) {
        this(k, DEFAULT_CHUNK);
    }

    /** A writer of k-grams buffering {@code chunk} hashes in memory. */
    public GramSetWriter(int k, int chunk) {
        if (k < 1 || chunk < 1) {
            throw new IllegalArgumentException("need k >= 1 and chunk >= 1, got " + k + ", " + chunk);
        }
        this.k = k;
        this.buffer = new long[Math.max(1, chunk / 2)];
        this.spare = new long[Math.max(1, chunk - buffer.length)];
        this.spiller = new java.util.concurrent.ThreadPoolExecutor(0, 1, 1, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tailguard-gram-spill");
                    t.setDaemon(true);
                    return t;
                });
        try {
            this.dir = Files.createTempDirectory("tailguard-grams");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the k-gram index", e);
        }
    }

    /** Adds the k-grams of one document (its {@code Tokenizer.words} tokens), never across documents. */
    public void add(List<String> documentTokens) {
        addHashes(NgramHash.tokens(documentTokens));
    }

    /** Adds the k-grams of one document given its token hashes ({@link NgramHash#tokens}). */
    public void addHashes(long[] th) {
        addGrams(grams(th, k), th.length);
    }

    /**
     * The k-gram hashes of one document's token hashes, as {@link #addHashes} adds them: pure, so callers can compute
     * them off the adding thread and hand them to {@link #addGrams}.
     */
    public static long[] grams(long[] th, int k) {
        long[] g = new long[Math.max(0, th.length - k + 1)];
        for (int i = 0; i < g.length; i++) {
            g[i] = NgramHash.ngram(th, i, k);
        }
        return g;
    }

    /** Adds one document's k-gram hashes ({@link #grams} with this writer's k) and its token count. */
    public void addGrams(long[] grams, long documentTokens) {
        tokens += documentTokens;
        int i = 0;
        while (i < grams.length) {
            if (filled == buffer.length) {
                spill();
            }
            int n = Math.min(grams.length - i, buffer.length - filled);
            System.arraycopy(grams, i, buffer, filled, n);
            filled += n;
            i += n;
        }
    }

    /** The k of this writer's k-grams. */
    public int k() {
        return k;
    }

    /** Tokens added so far. */
    public long tokens() {
        return tokens;
    }

    /** Hands the full buffer to the spill thread (after the previous spill ends) and continues in the other one. */
    private void spill() {
        awaitSpill();
        long[] full = buffer;
        int n = filled;
        Path run = dir.resolve("run-" + runs.size());
        runs.add(run);
        if (scratch == null || scratch.length < full.length) {
            scratch = new long[full.length]; // the previous spill has ended (awaitSpill), so none uses the old one
        }
        long[] tmp = scratch;
        spilling = spiller.submit(() -> writeRun(full, n, run, tmp));
        buffer = spare;
        spare = full;
        filled = 0;
    }

    private void awaitSpill() {
        if (spilling == null) {
            return;
        }
        try {
            spilling.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spilling a k-gram run", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot spill a k-gram run", e.getCause());
        } finally {
            spilling = null;
        }
    }

    private static void writeRun(long[] a, int filled, Path run, long[] scratch) {
        int n = sortUnique(a, filled, scratch);
        try (OutputStream out = Files.newOutputStream(run)) {
            LongBlocks blocks = new LongBlocks(out);
            for (int i = 0; i < n; i++) {
                blocks.put(a[i]);
            }
            blocks.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill k-gram run " + run, e);
        }
    }

    /** Little-endian longs in and out of byte blocks (runs and body are both little-endian). */
    private static final java.lang.invoke.VarHandle LE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 1 << 16;

    /** Longs written to a stream through one 64 KiB block. */
    private static final class LongBlocks {
        private final OutputStream out;
        private final byte[] buf = new byte[BLOCK];
        private int pos;

        LongBlocks(OutputStream out) {
            this.out = out;
        }

        void put(long v) throws IOException {
            if (pos == BLOCK) {
                out.write(buf, 0, pos);
                pos = 0;
            }
            LE.set(buf, pos, v);
            pos += 8;
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    private static int sortUnique(long[] a, int n, long[] scratch) {
        LongRadixSort.sort(a, n, scratch);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || a[m - 1] != a[i]) {
                a[m++] = a[i];
            }
        }
        return m;
    }

    /**
     * Writes the set in the {@link GramSet} format to {@code out} (not closed) and returns the number of distinct
     * hashes. The writer can be used only once.
     */
    public long writeTo(OutputStream out) throws IOException {
        if (filled > 0 || runs.isEmpty()) {
            spill();
        }
        awaitSpill();
        Path body = dir.resolve("body");
        long count = 0;
        List<Run> open = new ArrayList<>();
        try (OutputStream o = Files.newOutputStream(body)) {
            for (Path p : runs) {
                open.add(new Run(p));
            }
            RunHeap heap = new RunHeap(open);
            LongBlocks blocks = new LongBlocks(o);
            boolean any = false;
            long last = 0;
            while (!heap.isEmpty()) {
                long head = heap.min();
                if (!any || head != last) {
                    blocks.put(head);
                    last = head;
                    any = true;
                    count++;
                }
                heap.advanceMin();
            }
            blocks.flush();
        } finally {
            open.forEach(Run::close);
        }
        GramSet.writeHeader(out, k, count);
        Files.copy(body, out);
        return count;
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        try {
            awaitSpill();
        } catch (RuntimeException e) {
            // the failure was or will be reported by the call that needed the run; the files go anyway
        }
        spiller.shutdown();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** One sorted run being merged, read in blocks. */
    private static final class Run {
        private final InputStream in;
        private final byte[] buf = new byte[BLOCK];
        private int pos;
        private int len;

        Run(Path p) throws IOException {
            in = Files.newInputStream(p);
        }

        /** True and the next hash in {@code out[0]}, or false at the end of the run. */
        boolean next(long[] out) throws IOException {
            if (pos + 8 > len) {
                int rest = len - pos;
                System.arraycopy(buf, pos, buf, 0, rest);
                len = rest;
                pos = 0;
                int r;
                while (len < 8 && (r = in.read(buf, len, BLOCK - len)) >= 0) {
                    len += r;
                }
                if (len < 8) {
                    if (len != 0) {
                        throw new IOException("k-gram run ends inside a hash");
                    }
                    return false;
                }
            }
            out[0] = (long) LE.get(buf, pos);
            pos += 8;
            return true;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A binary min-heap of the runs' current hashes (primitive keys, no boxing or virtual compare). */
    private static final class RunHeap {
        private final List<Run> runs;
        private final long[] key;
        private final int[] run;
        private final long[] one = new long[1];
        private int size;

        RunHeap(List<Run> runs) throws IOException {
            this.runs = runs;
            key = new long[runs.size()];
            run = new int[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).next(one)) {
                    key[size] = one[0];
                    run[size] = i;
                    siftUp(size++);
                }
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        long min() {
            return key[0];
        }

        /** Replaces the smallest hash by its run's next one, or drops the run when it has ended. */
        void advanceMin() throws IOException {
            if (runs.get(run[0]).next(one)) {
                key[0] = one[0];
            } else {
                size--;
                key[0] = key[size];
                run[0] = run[size];
            }
            siftDown(0);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (key[parent] <= key[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    return;
                }
                int c = l + 1 < size && key[l + 1] < key[l] ? l + 1 : l;
                if (key[i] <= key[c]) {
                    return;
                }
                swap(i, c);
                i = c;
            }
        }

        private void swap(int a, int b) {
            long k = key[a];
            key[a] = key[b];
            key[b] = k;
            int r = run[a];
            run[a] = run[b];
            run[b] = r;
        }
    }
}
