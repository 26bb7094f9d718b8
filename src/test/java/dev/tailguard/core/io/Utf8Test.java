package dev.tailguard.core.io;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private static boolean jdkAccepts(byte[] b, int from, int to) {
        try {
            STRICT.reset().decode(ByteBuffer.wrap(b, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] hex(String s) {
        String[] parts = s.split(" ");
        byte[] b = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            b[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return b;
    }

    @Test
    void boundaryCasesOfTheUnicodeTable() {
        String[] valid = {"41", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bf", "f0 90 80 80",
            "f4 8f bf bf", "e2 80 83"};
        String[] invalid = {"80", "bf", "c0 80", "c1 bf", "c2", "c2 41", "e0 80 80", "e0 9f bf", "ed a0 80",
            "ed bf bf", "e1 80", "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "ff", "fe", "f0 90 80"};
        for (String v : valid) {
            byte[] b = hex(v);
            assertThat(Utf8.isValid(b, 0, b.length)).as(v).isTrue();
            assertThat(jdkAccepts(b, 0, b.length)).as("the JDK agrees on " + v).isTrue();
        }
        for (String v : invalid) {
            byte[] b = hex(v);
            assertThat(Utf8.isValid(b, 0, b.length)).as(v).isFalse();
            assertThat(jdkAccepts(b, 0, b.length)).as("the JDK agrees on " + v).isFalse();
        }
    }

    @Test
    void acceptsExactlyWhatTheStrictJdkDecoderAccepts() {
        Random r = new Random(13);
        int[] interesting = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
            0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
        byte[] emoji = "😀é日".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[r.nextInt(24)];
            for (int i = 0; i < b.length; i++) {
                int k = r.nextInt(10);
                b[i] = k < 4 ? (byte) ('a' + r.nextInt(26)) : k < 8 ? (byte) interesting[r.nextInt(interesting.length)]
                        : k == 8 ? emoji[r.nextInt(emoji.length)] : (byte) r.nextInt(256);
            }
            int from = b.length == 0 ? 0 : r.nextInt(Math.min(b.length, 4) + 1);
            assertThat(Utf8.isValid(b, from, b.length)).as("%s from %d", java.util.HexFormat.ofDelimiter(" ")
                    .formatHex(b), from).isEqualTo(jdkAccepts(b, from, b.length));
        }
    }

    @Test
    void longAsciiRunsAroundAMultiByteCharacter() {
        for (int pad = 0; pad < 20; pad++) {
            String ok = "x".repeat(pad) + "日" + "y".repeat(pad);
            byte[] b = ok.getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
            assertThat(Utf8.isValid(b, 0, pad + 2)).as("cut inside the character").isFalse();
            b[pad + 1] = 'z';
            assertThat(Utf8.isValid(b, 0, b.length)).as("broken continuation").isFalse();
        }
    }
}
