package dev.tailguard.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of bytes, accepting exactly what the JDK's UTF-8 decoder accepts with
 * {@link java.nio.charset.CodingErrorAction#REPORT}: the well-formed byte sequences of the Unicode Standard, ch. 3,
 * table 3-7 (no overlong forms, no encoded surrogates {@code ED A0..BF}, nothing above {@code U+10FFFF}, no stray or
 * missing continuation bytes). ASCII runs are skipped 8 bytes at a time.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;

    private Utf8() {
    }

    /** Whether {@code b[from, to)} is well-formed UTF-8. */
    static boolean isValid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + Long.BYTES <= to && ((long) LONGS.get(b, i) & HIGHS) == 0) {
                i += Long.BYTES;
            }
            if (i >= to) {
                return true;
            }
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
            } else if (c < 0xC2) {
                return false; // a continuation byte without a lead, or an overlong 2-byte form
            } else if (c < 0xE0) {
                if (i + 1 >= to || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to || !inRange(b[i + 1], c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF)
                        || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to || !inRange(b[i + 1], c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF)
                        || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte x) {
        return (x & 0xC0) == 0x80;
    }

    private static boolean inRange(byte x, int lo, int hi) {
        int v = x & 0xff;
        return v >= lo && v <= hi;
    }
}
