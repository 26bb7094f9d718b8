package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary model format: bit-identical scores after a round trip, and clear errors for bad files. */
class ModelFileTest {
    @TempDir
    Path dir;

    static List<List<String>> corpus() {
        return List.of(List.of("a", "b", "c"), List.of("a", "c", "b", "a"), List.of("b", "b", "a", "c"),
                List.of("c", "a", "b", "c", "a"), List.of("naïve", "café", "a"), List.of());
    }

    @Test
    void loadedModelScoresBitIdentically() {
        for (int order = 2; order <= 5; order++) {
            KneserNeyModel m = KneserNeyModel.train(corpus(), order);
            Path f = dir.resolve("m" + order + ".tglm");
            m.save(f);
            KneserNeyModel back = KneserNeyModel.load(f);
            assertThat(back.order()).isEqualTo(order);
            assertThat(back.vocabSize()).isEqualTo(m.vocabSize());
            assertThat(back.orderStats()).usingRecursiveFieldByFieldElementComparator().isEqualTo(m.orderStats());
            SplittableRandom rnd = new SplittableRandom(order);
            String[] words = {"a", "b", "c", "naïve", "café", "zzz"};
            for (int i = 0; i < 200; i++) {
                int len = rnd.nextInt(8);
                String[] s = new String[len];
                for (int j = 0; j < len; j++) {
                    s[j] = words[rnd.nextInt(words.length)];
                }
                List<String> sent = List.of(s);
                assertThat(Double.doubleToRawLongBits(back.log10Sentence(sent)))
                        .isEqualTo(Double.doubleToRawLongBits(m.log10Sentence(sent)));
            }
            for (int k = 1; k <= order; k++) {
                assertThat(back.ngrams(k)).isEqualTo(m.ngrams(k));
            }
        }
    }

    @Test
    void loadedModelSamples() {
        KneserNeyModel back;
        Path f = dir.resolve("m.tglm");
        KneserNeyModel.train(corpus(), 3).save(f);
        back = KneserNeyModel.load(f);
        List<String> s = back.sample(new SplittableRandom(1), SamplingOptions.DEFAULT);
        assertThat(s).allSatisfy(w -> assertThat(List.of("a", "b", "c", "naïve", "café")).contains(w));
    }

    @Test
    void byteQueryEqualsStringQuery() throws IOException {
        KneserNeyModel m = KneserNeyModel.train(corpus(), 3);
        Path test = Files.writeString(dir.resolve("t.txt"), "a b zzz\n\n  café\tnaïve  a \nc a b", StandardCharsets.UTF_8);
        assertThat(m.evaluate(test)).isEqualTo(m.evaluate(SentenceFile.of(test)));
        assertThat(m.evaluate(test).tokens()).isEqualTo(3 + 1 + 1 + 3 + 1 + 3 + 1);
    }

    @Test
    void rejectsForeignCorruptAndTruncatedFiles() throws IOException {
        Path f = dir.resolve("m.tglm");
        KneserNeyModel.train(corpus(), 3).save(f);
        Path foreign = Files.writeString(dir.resolve("x.arpa"), "\\data\\\nngram 1=3\n".repeat(4));
        assertThatThrownBy(() -> KneserNeyModel.load(foreign)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad magic");
        Path corrupt = Files.copy(f, dir.resolve("c.tglm"));
        try (RandomAccessFile r = new RandomAccessFile(corrupt.toFile(), "rw")) {
            r.seek(r.length() - 5);
            int b = r.read();
            r.seek(r.length() - 5);
            r.write(b ^ 0x55);
        }
        assertThatThrownBy(() -> KneserNeyModel.load(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checksum");
        Path cut = dir.resolve("t.tglm");
        byte[] all = Files.readAllBytes(f);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 8));
        assertThatThrownBy(() -> KneserNeyModel.load(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt LM header");
        byte[] v3 = all.clone();
        v3[8] = 3;
        Path newer = Files.write(dir.resolve("v3.tglm"), v3);
        assertThatThrownBy(() -> KneserNeyModel.load(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 3");
        byte[] v1 = all.clone();
        v1[8] = 1;
        Path older = Files.write(dir.resolve("v1.tglm"), v1);
        assertThatThrownBy(() -> KneserNeyModel.load(older)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 1, this build reads 2")
                .hasMessageContaining("save the model again");
    }
}
