package dev.tailguard.core.lm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Streams a text file with one sentence per line and whitespace-separated tokens. */
public final class SentenceFile implements Iterable<List<String>> {
    private final Path path;

    private SentenceFile(Path path) {
        this.path = path;
    }

    /** A re-iterable stream of the file's sentences; each iteration reads the file again. */
    public static SentenceFile of(Path path) {
        return new SentenceFile(path);
    }

    /** Splits a line on KenLM's delimiters: space, tab, CR, NUL (and LF). */
    public static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(line.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n && !isDelimiter(line.charAt(j))) {
                j++;
            }
            if (j > i) {
                out.add(line.substring(i, j));
            }
            i = j;
        }
        return out;
    }

    static boolean isDelimiter(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
    }

    @Override
    public Iterator<List<String>> iterator() {
        BufferedReader in;
        try {
            in = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return new Iterator<>() {
            private String next = read();

            private String read() {
                try {
                    String l = in.readLine();
                    if (l == null) {
                        in.close();
                    }
                    return l;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public List<String> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                List<String> t = tokens(next);
                next = read();
                return t;
            }
        };
    }
}
