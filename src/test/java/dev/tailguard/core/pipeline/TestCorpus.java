package dev.tailguard.core.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A small real slice (the repo's SOTU sample) with one injected bad line of every kind. */
public final class TestCorpus {

    /** Number of injected malformed lines. */
    public static final int BAD_LINES = 9;
    /** Line limit used with this corpus. */
    public static final long MAX_LINE_BYTES = 40_000;

    private TestCorpus() {
    }

    /** The first {@code docs} lines of the repo's SOTU sample that are shorter than {@link #MAX_LINE_BYTES}. */
    public static List<String> sample(int docs) throws IOException {
        return Files.readAllLines(Path.of("samples/sotu-sample.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.length() < MAX_LINE_BYTES).limit(docs).toList();
    }

    /** A JSONL document line with its id replaced (and its text changed by {@code text}), for corpora of copies. */
    public static String copy(String line, String id, UnaryOperator<String> text) throws IOException {
        Map<String, Object> d = Json.MAPPER.readValue(line, new TypeReference<>() { });
        d.put("id", id);
        d.put("text", text.apply((String) d.get("text")));
        return Json.MAPPER.writeValueAsString(d);
    }

    /** {@code rounds} exact copies of every line, ids {@code <prefix><round>-<index>}, round after round. */
    public static List<String> exactCopies(List<String> lines, int rounds, String prefix) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < lines.size(); i++) {
                out.add(copy(lines.get(i), prefix + round + "-" + i, t -> t));
            }
        }
        return out;
    }

    /** Writes {@code docs} real lines (shorter than the limit) interleaved with the bad lines; returns the file. */
    public static Path write(Path dir, int docs) throws IOException {
        List<String> real = sample(docs);
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
