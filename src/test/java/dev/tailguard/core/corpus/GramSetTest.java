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
}
