package dev.tailguard.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonlReaderTest {

    private static List<JsonlLine> read(byte[] bytes, long max) throws Exception {
        List<JsonlLine> out = new ArrayList<>();
        try (JsonlReader r = new JsonlReader(new ByteArrayInputStream(bytes), "in.jsonl", max)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void everyKindOfBadLineIsRejectedWithLineNumberAndReason() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("{\"id\":\"a\",\"text\":\"hello world\",\"source\":\"s\",\"metadata\":{\"year\":1790}}\n".getBytes(StandardCharsets.UTF_8));
        b.write("not json\n".getBytes(StandardCharsets.UTF_8));
        b.write("{\"id\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
        b.write("{\"id\":\"c\",\"text\":42}\n".getBytes(StandardCharsets.UTF_8));
        b.write("{\"id\":\"d\",\"text\":\"   \\n \"}\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[]{'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        b.write(("{\"text\":\"" + "x".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        b.write("[1,2]\n".getBytes(StandardCharsets.UTF_8));
        b.write("{\"text\":\"no id here\"}".getBytes(StandardCharsets.UTF_8));
        List<JsonlLine> lines = read(b.toByteArray(), 100);

        assertThat(lines).extracting(JsonlLine::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(lines).extracting(JsonlLine::reason).containsExactly(null, "not_json", "missing_text",
                "text_not_string", "empty_text", "invalid_utf8", "line_too_large", "not_json", null);
        assertThat(lines.get(0).document().metadata()).isEqualTo(Map.of("year", 1790));
        assertThat(lines.get(0).document().source()).isEqualTo("s");
        assertThat(lines.get(8).document().id()).isEqualTo("in.jsonl:9");
        assertThat(lines.get(8).document().source()).isEqualTo("in.jsonl");
        assertThat(lines.get(6).detail()).contains("211 bytes", "limit is 100");
        assertThat(lines.get(1).file()).isEqualTo("in.jsonl");
    }

    @Test
    void crlfAndBomAreAccepted() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(bom);
        b.write("{\"id\":\"a\",\"text\":\"caf\u00e9\"}\r\n{\"id\":\"b\",\"text\":\"two\"}\r\n".getBytes(StandardCharsets.UTF_8));
        List<JsonlLine> lines = read(b.toByteArray(), 1000);
        assertThat(lines).hasSize(2).allMatch(JsonlLine::valid);
        assertThat(lines.get(0).document().text()).isEqualTo("caf\u00e9");
    }

    @Test
    void zstdRoundTripThroughWriterAndReader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("docs.jsonl.zst");
        try (JsonlWriter w = JsonlWriter.create(f)) {
            for (int i = 0; i < 500; i++) {
                w.write(Map.of("id", "d" + i, "text", "document number " + i));
            }
            assertThat(w.records()).isEqualTo(500);
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(f)) {
            assertThat(in.read(head)).isEqualTo(4);
        }
        assertThat(head).containsExactly((byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD);
        List<JsonlLine> lines = new ArrayList<>();
        try (JsonlReader r = JsonlReader.open(f, 1000)) {
            r.forEachRemaining(lines::add);
        }
        assertThat(lines).hasSize(500).allMatch(JsonlLine::valid);
        assertThat(lines.get(499).document().text()).isEqualTo("document number 499");
    }
}
