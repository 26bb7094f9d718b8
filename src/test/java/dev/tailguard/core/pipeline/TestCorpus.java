package dev.tailguard.core.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small real slice (the repo's SOTU sample) with one injected bad line of every kind. */
public final class TestCorpus {

    /** Number of injected malformed lines. */
    public static final int BAD_LINES = 9;
    /** Line limit used with this corpus. */
    public static final long MAX_LINE_BYTES = 40_000;

    private TestCorpus() {
    }

    /** Writes {@code docs} real lines (shorter than the limit) interleaved with the bad lines; returns the file. */
    public static Path write(Path dir, int docs) throws IOException {
        List<String> real = Files.readAllLines(Path.of("samples/sotu-sample.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.length() < MAX_LINE_BYTES).limit(docs).toList();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < real.size(); i++) {
            b.write((real.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i == 1) {
                b.write("this is not json\n".getBytes(StandardCharsets.UTF_8));
                b.write("{\"id\":\"no-text\",\"source\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
                b.write("{\"id\":\"num-text\",\"text\":12}\n".getBytes(StandardCharsets.UTF_8));
            }
            if (i == 3) {
                b.write("{\"id\":\"blank\",\"text\":\" \\t \"}\n".getBytes(StandardCharsets.UTF_8));
                b.write(new byte[]{'{', '"', 'i', 'd', '"', ':', '"', 'u', '"', ',', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xFF, '"', '}', '\n'});
                b.write(("{\"id\":\"huge\",\"text\":\"" + "word ".repeat((int) MAX_LINE_BYTES / 4) + "\"}\n").getBytes(StandardCharsets.UTF_8));
            }
            if (i == 4) {
                b.write("\n".getBytes(StandardCharsets.UTF_8));
                b.write(("{\"id\":\"x\",\"text\":\"ok\",\"metadata\":[1]}\n").getBytes(StandardCharsets.UTF_8));
                b.write((real.get(0) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Path f = dir.resolve("slice.jsonl");
        Files.write(f, b.toByteArray());
        return f;
    }
}
