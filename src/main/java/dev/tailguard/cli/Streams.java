package dev.tailguard.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bridges picocli's {@link PrintWriter}s to the {@link PrintStream}s the command classes write to. */
final class Streams {

    private Streams() {
    }

    /** A UTF-8 print stream writing into the writer (autoflush on newline). */
    static PrintStream of(PrintWriter w) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                w.write(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                w.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
