package dev.tailguard.core.corpus;

import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GramSetTest {

    @TempDir
    Path dir;

    private static List<String> randomDoc(Random rnd, int words) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            w.add("w" + rnd.nextInt(40));
        }
        return w;
    }

    private Path write(GramSetWriter w) throws Exception {
        Path f = dir.resolve("set-" + System.nanoTime() + ".bin");
        try (OutputStream out = Files.newOutputStream(f)) {
            w.writeTo(out);
        }
        w.close();
        return f;
    }

    @Test
    void memorisedShareEqualsTheInHeapIndexAcrossManySpilledRuns() throws Exception {
        Random rnd = new Random(7);
        RealTextIndex index = new RealTextIndex();
        GramSetWriter w = new GramSetWriter(RealTextIndex.DEFAULT_K, 64); // tiny buffer: dozens of runs merged
        for (int d = 0; d < 60; d++) {
            List<String> doc = randomDoc(rnd, 5 + rnd.nextInt(80));
            index.add(doc);
            w.add(doc);
        }
        GramSet set = GramSet.open(write(w));
        assertThat(set.k()).isEqualTo(13);
        assertThat(set.size()).isPositive();
        Memorisation mem = new Memorisation(index);
        long grams = 0;
        long found = 0;
        Random syn = new Random(11);
        for (int d = 0; d < 40; d++) {
            List<String> doc = randomDoc(syn, 20 + syn.nextInt(60));
            mem.add(doc);
            long[] o = set.overlap(doc);
            grams += o[0];
            found += o[1];
        }
        // and a verbatim copy of real text
        Random again = new Random(7);
        List<String> copy = randomDoc(again, 5 + again.nextInt(80));
        mem.add(copy);
        long[] o = set.overlap(copy);
        grams += o[0];
        found += o[1];
        assertThat(o[1]).isEqualTo(o[0]).isPositive();
        assertThat((double) found / grams).isEqualTo(mem.memorisedShare());
    }

    @Test
    void duplicatesAcrossRunsAreStoredOnceAndLookupsAreExact() throws Exception {
        GramSetWriter w = new GramSetWriter(2, 3);
        List<String> doc = Tokenizer.words("a b c d a b c d a b");
        w.add(doc);
        w.add(doc);
        GramSet set = GramSet.open(write(w));
        assertThat(set.size()).isEqualTo(4); // ab bc cd da
        assertThat(set.overlap(Tokenizer.words("c d a x y"))).containsExactly(4, 2);
        assertThat(set.overlap(List.of("a"))).containsExactly(0, 0);
    }

    @Test
    void anEmptyCorpusGivesAnEmptySet() throws Exception {
        GramSet set = GramSet.open(write(new GramSetWriter(13)));
        assertThat(set.size()).isZero();
        assertThat(set.contains(42L)).isFalse();
    }

    @Test
    void aTruncatedOrForeignFileIsRejectedNamingIt() throws Exception {
        GramSetWriter w = new GramSetWriter(2);
        w.add(Tokenizer.words("a b c"));
        Path f = write(w);
        byte[] b = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 3));
        assertThatThrownBy(() -> GramSet.open(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cut.bin").hasMessageContaining("truncated");
        Path other = dir.resolve("other.bin");
        Files.write(other, new byte[40]);
        assertThatThrownBy(() -> GramSet.open(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a k-gram set");
    }

    /** A set file written directly: header and the sorted distinct hashes. */
    private Path rawSet(long[] sorted) throws Exception {
        Path f = dir.resolve("raw-" + System.nanoTime() + ".bin");
        try (OutputStream out = Files.newOutputStream(f)) {
            GramSet.writeHeader(out, 13, sorted.length);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * sorted.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (long v : sorted) {
                b.putLong(v);
            }
            out.write(b.array());
        }
        return f;
    }

    @Test
    void theBucketIndexFindsExactlyWhatABinarySearchOfTheWholeBodyFinds() throws Exception {
        Random rnd = new Random(11);
        long[][] bodies = {
            {},
            {42},
            {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE},
            rnd.longs(1_000).toArray(),
            rnd.longs(300_000).toArray(),
            // skewed: every hash in one narrow range, so one bucket holds them all and the others are empty
            rnd.longs(5_000, 1L << 40, (1L << 40) + 100_000).toArray(),
            // only negative hashes, then only positive ones: buckets follow the signed order
            rnd.longs(20_000, Long.MIN_VALUE, 0).toArray(),
            rnd.longs(20_000, 0, Long.MAX_VALUE).toArray(),
            // beyond the index's cap: large buckets, interpolation then binary search
            rnd.longs(3_000_000).toArray(),
            // clustered inside buckets: interpolation misses and the binary-search fallback finds them
            java.util.stream.LongStream.range(0, 200_000).map(i -> (i / 1000) * (1L << 50) + (i % 1000)).toArray(),
        };
        for (long[] raw : bodies) {
            long[] sorted = java.util.Arrays.stream(raw).sorted().distinct().toArray();
            GramSet set = GramSet.open(rawSet(sorted));
            assertThat(set.size()).isEqualTo(sorted.length);
            for (long v : sorted) {
                assertThat(set.contains(v)).as("member %d of %d", v, sorted.length).isTrue();
            }
            long[] probes = new long[20_000];
            for (int i = 0; i < probes.length; i++) {
                long base = sorted.length == 0 ? rnd.nextLong() : sorted[rnd.nextInt(sorted.length)];
                probes[i] = i % 2 == 0 ? rnd.nextLong() : base + rnd.nextInt(3) - 1;
            }
            for (long p : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1}) {
                assertThat(set.contains(p)).isEqualTo(java.util.Arrays.binarySearch(sorted, p) >= 0);
            }
            for (long p : probes) {
                assertThat(set.contains(p)).as("probe %d", p).isEqualTo(java.util.Arrays.binarySearch(sorted, p) >= 0);
            }
            boolean[] all = set.containsAll(probes);
            for (int i = 0; i < probes.length; i++) {
                assertThat(all[i]).isEqualTo(java.util.Arrays.binarySearch(sorted, probes[i]) >= 0);
            }
        }
    }

    @Test
    void aboutSixtyFourHashesPerBucketUpToTheCap() {
        assertThat(GramSet.bucketBits(0)).isZero();
        assertThat(GramSet.bucketBits(GramSet.PER_BUCKET)).isZero();
        assertThat(GramSet.bucketBits(GramSet.PER_BUCKET + 1)).isEqualTo(1);
        assertThat(GramSet.bucketBits((long) GramSet.PER_BUCKET << 10)).isEqualTo(10);
        assertThat(GramSet.bucketBits(1L << 40)).isEqualTo(GramSet.MAX_BUCKET_BITS);
    }
}
