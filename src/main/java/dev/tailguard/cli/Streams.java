package dev.tailguard.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bridges picocli's {@link PrintWriter}s to the {@link PrintStream}s the command classes write to. */
final class Streams {

    private Streams() {
    }

    /** A command body that writes to print streams and returns an exit code. */
    @FunctionalInterface
    interface Body {
        /** Runs the command; returns its exit code. */
        int run(PrintStream out, PrintStream err);
    }

    /**
     * Runs {@code body} on print streams over the command line's out and err writers and flushes both afterwards,
     * also when the body throws; returns the body's exit code.
     */
    static int run(CommandSpec spec, Body body) {
        PrintStream out = of(spec.commandLine().getOut());
        PrintStream err = of(spec.commandLine().getErr());
        try {
            return body.run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
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
