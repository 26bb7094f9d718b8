package dev.tailguard.core.pipeline;

import dev.tailguard.core.collections.CopyIndex;
import dev.tailguard.core.store.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Which real input documents are exact copies of an earlier input document's text, by their index in the run's
 * input order: the score stage drops such a copy as an exact duplicate before the blend, so the generate stage
 * neither counts it in the synthetic target nor lets it seed a synthetic document (a duplicated text would
 * otherwise seed once per copy, and the blend would quarantine the synthetic documents beyond its ratio cap).
 *
 * <p>Found by the ingest with {@link dev.tailguard.core.collections.NgramHash#textKey} (the raw text, so copies
 * that differ only in case or punctuation, which the score stage also drops, still count and seed; the blend's
 * ratio cap handles those). Bounded: at most {@value #TEXTS} texts are remembered, after which new texts are not,
 * and their later copies count as distinct, as before this class existed; one bit per input document is kept.
 * Written as {@code work/generate/seed-copies.bin} (a big-endian {@code long} document count, then the bits as
 * {@code long}s) only when the input has a copy.
 */
final class SeedCopies {

    /** The work artifact's name under the generate stage. */
    static final String ARTIFACT = "seed-copies.bin";

    /** Texts remembered at most (the same bound as the ingest's token-count index). */
    static final int TEXTS = 1 << 18;

    private final CopyIndex<Boolean> seen = new CopyIndex<>(TEXTS);
    private long[] bits = new long[16];
    private long documents;
    private long copies;

    /** Records the next input document; true when its text copies an earlier input document's. */
    boolean add(long[] textKey) {
        long index = documents++;
        if (index >> 6 >= bits.length) {
            bits = Arrays.copyOf(bits, bits.length * 2);
        }
        if (seen.get(textKey) != null) {
            bits[(int) (index >> 6)] |= 1L << index;
            copies++;
            return true;
        }
        seen.put(textKey, Boolean.TRUE, 1);
        return false;
    }

    /** Copies recorded. */
    long copies() {
        return copies;
    }

    /** Writes the artifact when there is a copy. */
    void write(ObjectStore store, String key) {
        if (copies == 0) {
            return;
        }
        int words = (int) ((documents + 63) >> 6);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * words);
        b.putLong(documents);
        for (int i = 0; i < words; i++) {
            b.putLong(bits[i]);
        }
        try {
            store.put(key, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + store.describe(key), e);
        }
    }

    /**
     * The copy bits of a run's input as {@link #write} stored them, or null when {@code copies} is 0 (no artifact).
     *
     * @throws IllegalStateException when the artifact does not cover {@code documents} or does not mark exactly
     *                               {@code copies} of them (the seed ranks would then not match the target)
     */
    static long[] read(ObjectStore store, String key, long copies, long documents) {
        if (copies == 0) {
            return null;
        }
        byte[] raw;
        try (InputStream in = store.open(key)) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + store.describe(key), e);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        if (raw.length < 8 || b.getLong() != documents || raw.length != 8 + 8 * ((documents + 63) >> 6)) {
            throw new IllegalStateException(store.describe(key) + " does not cover the run's " + documents
                    + " input documents");
        }
        long[] bits = new long[(int) ((documents + 63) >> 6)];
        long set = 0;
        for (int i = 0; i < bits.length; i++) {
            bits[i] = b.getLong();
            set += Long.bitCount(bits[i]);
        }
        if (set != copies || copiesBefore(bits, bits.length * 64L) != copiesBefore(bits, documents)) {
            throw new IllegalStateException(store.describe(key) + " marks " + set + " copies, the ingest counted "
                    + copies);
        }
        return bits;
    }

    /** Whether input document {@code index} is a copy ({@code bits} null: none is). */
    static boolean isCopy(long[] bits, long index) {
        return bits != null && (bits[(int) (index >> 6)] & (1L << index)) != 0;
    }

    /** Copies among input documents {@code [0, index)}. */
    static long copiesBefore(long[] bits, long index) {
        if (bits == null) {
            return 0;
        }
        long n = 0;
        int full = (int) (index >> 6);
        for (int i = 0; i < full; i++) {
            n += Long.bitCount(bits[i]);
        }
        int rest = (int) (index & 63);
        if (rest > 0) {
            n += Long.bitCount(bits[full] & ((1L << rest) - 1));
        }
        return n;
    }
}
