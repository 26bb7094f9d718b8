package dev.tailguard.core.io;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteLinesTest {

    private static final String[] PIECES = {"{\"id\":\"a\"}", "é", "日本", "😀", " ", "x", "\n", "\r", "\r\n", "\n\n",
        "\r\r", "\\n", "abcdefghijklmnopqrstuvwxyz"};

    /** What BufferedReader.readLine returns, line by line. */
    private static List<String> readLines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> byteLines(byte[] bytes, int bufferSize, InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (ByteLines lines = new ByteLines(in, bufferSize)) {
            while (lines.next()) {
                out.add(new String(lines.buffer(), lines.start(), lines.length(), StandardCharsets.UTF_8));
                assertThat(lines.lineNumber()).isEqualTo(out.size());
            }
            assertThat(lines.next()).as("stays at the end").isFalse();
        }
        return out;
    }

    private static String random(Random r, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    @Test
    void splitsWhereReadLineSplitsForAnyBufferSize() throws IOException {
        Random r = new Random(11);
        for (int round = 0; round < 2000; round++) {
            String s = random(r, r.nextInt(80));
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int size = round % 5 == 0 ? ByteLines.DEFAULT_BUFFER : 1 + r.nextInt(24);
            assertThat(byteLines(bytes, size, new ByteArrayInputStream(bytes)))
                    .as("round %d, buffer %d: %s", round, size, s.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(readLines(bytes));
        }
    }

    @Test
    void splitsAStreamThatDeliversOneByteAtATime() throws IOException {
        byte[] bytes = "a\r\nb\rc\n\r\nd\r".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(byteLines(bytes, 64, trickle)).containsExactly("a", "b", "c", "", "d").isEqualTo(readLines(bytes));
    }

    @Test
    void edgeCasesMatchReadLine() throws IOException {
        for (String s : List.of("", "\n", "\r", "\r\n", "x", "x\n", "x\r", "\n\n", "\r\r\n", "\r\n\r\n", "a\rb\r\nc")) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            for (int size = 1; size <= 4; size++) {
                assertThat(byteLines(bytes, size, new ByteArrayInputStream(bytes))).as("%s / %d", s, size)
                        .isEqualTo(readLines(bytes));
            }
        }
    }

    @Test
    void aLineLongerThanTheBufferIsKeptWhole() throws IOException {
        char[] big = new char[300_000];
        Arrays.fill(big, 'é');
        String line = new String(big);
        byte[] bytes = ("a\n" + line + "\r\n" + line).getBytes(StandardCharsets.UTF_8);
        assertThat(byteLines(bytes, 1000, new ByteArrayInputStream(bytes))).containsExactly("a", line, line);
    }

    @Test
    void skipsNonEmptyLinesThenReadsTheRest() throws IOException {
        Random r = new Random(5);
        for (int round = 0; round < 1000; round++) {
            String s = random(r, r.nextInt(60));
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            List<String> all = readLines(bytes);
            List<String> nonEmpty = all.stream().filter(l -> !l.isEmpty()).toList();
            long k = r.nextInt(nonEmpty.size() + 3);
            try (ByteLines lines = new ByteLines(new ByteArrayInputStream(bytes), 1 + r.nextInt(16))) {
                assertThat(lines.skipNonEmpty(k)).isEqualTo(Math.min(k, nonEmpty.size()));
                List<String> rest = new ArrayList<>();
                List<Long> numbers = new ArrayList<>();
                while (lines.next()) {
                    if (lines.length() > 0) {
                        rest.add(new String(lines.buffer(), lines.start(), lines.length(), StandardCharsets.UTF_8));
                        numbers.add(lines.lineNumber());
                    }
                }
                assertThat(rest).as("round %d", round)
                        .isEqualTo(nonEmpty.subList((int) Math.min(k, nonEmpty.size()), nonEmpty.size()));
                for (int i = 0; i < rest.size(); i++) {
                    assertThat(all.get((int) (numbers.get(i) - 1))).as("line numbers count skipped lines")
                            .isEqualTo(rest.get(i));
                }
            }
        }
    }

    @Test
    void findsTheFirstLineEndAtEveryOffsetAndAlignment() {
        Random r = new Random(7);
        byte[] alphabet = {'\n', '\r', 'a', (byte) 0x0b, (byte) 0x0e, (byte) 0x8a, (byte) 0x8d, (byte) 0xff, 0, 9};
        for (int round = 0; round < 3000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n' || b[i] == '\r') {
                    expected = i;
                    break;
                }
            }
            assertThat(ByteLines.indexOfLineEnd(b, from, to)).as("%s [%d,%d)", Arrays.toString(b), from, to)
                    .isEqualTo(expected);
        }
    }

    @Test
    void refusesAnEmptyBuffer() {
        assertThatThrownBy(() -> new ByteLines(InputStream.nullInputStream(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffer size");
    }
}
