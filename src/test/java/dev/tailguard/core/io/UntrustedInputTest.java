package dev.tailguard.core.io;

import com.github.luben.zstd.ZstdOutputStream;
import dev.tailguard.core.doc.ClaimedProvenance;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.generate.SyntheticRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input lines that today's reader repaired or dropped silently, and input formats it could not read. */
class UntrustedInputTest {

    private static List<JsonlLine> read(String content, ReadOptions o) throws IOException {
        List<JsonlLine> out = new ArrayList<>();
        try (JsonlReader r = new JsonlReader(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                "in.jsonl", o)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    private static List<JsonlLine> read(String content) throws IOException {
        return read(content, ReadOptions.defaults());
    }

    @Test
    void loneSurrogatesAreQuarantinedNotRewritten() throws Exception {
        List<JsonlLine> lines = read("""
                {"id":"a","text":"bad \\ud800 here"}
                {"id":"b\\udc00","text":"fine text"}
                {"id":"c","text":"ok","metadata":{"note":["x","\\udbff"]}}
                {"id":"d","text":"pair \\ud83d\\ude00 is fine"}
                {"id":"e","text":"reversed \\ude00\\ud83d"}
                """);
        assertThat(lines).extracting(JsonlLine::reason)
                .containsExactly("lone_surrogate", "lone_surrogate", "lone_surrogate", null, "lone_surrogate");
        assertThat(lines.get(0).detail()).contains("\"text\"");
        assertThat(lines.get(1).detail()).contains("\"id\"");
        assertThat(lines.get(2).detail()).contains("metadata.note[1]");
        assertThat(lines.get(3).document().text()).isEqualTo("pair \uD83D\uDE00 is fine");
        assertThat(lines.get(0).raw()).doesNotContain("?").contains("\\ud800");
    }

    @Test
    void trailingBytesAfterTheObjectAreQuarantined() throws Exception {
        List<JsonlLine> lines = read("""
                {"id":"a","text":"one"} trailing words
                {"id":"b","text":"two"}{"id":"c","text":"three"}
                {"id":"d","text":"four"}]
                {"id":"e","text":"five"}\t\s
                """);
        assertThat(lines).extracting(JsonlLine::reason)
                .containsExactly("trailing_data", "trailing_data", "trailing_data", null);
        assertThat(lines.get(0).line()).isEqualTo(1);
        assertThat(lines.get(0).detail()).contains("column");
        assertThat(lines.get(3).document().id()).isEqualTo("e");
    }

    @Test
    void textFieldIsConfigurable() throws Exception {
        ReadOptions content = ReadOptions.defaults().withTextField("content");
        List<JsonlLine> lines = read("""
                {"id":"a","content":"the text is here"}
                {"id":"b","text":"only text"}
                """, content);
        assertThat(lines.get(0).document().text()).isEqualTo("the text is here");
        assertThat(lines.get(1).reason()).isEqualTo("missing_text");
        assertThat(lines.get(1).detail()).contains("\"content\"");
        assertThatThrownBy(() -> ReadOptions.defaults().withTextField(" "))
                .hasMessageContaining(ReadOptions.TEXT_FIELD_KEY);
    }

    @Test
    void provenanceInRealInputIsOnlyAClaim() throws Exception {
        List<JsonlLine> lines = read("""
                {"id":"a","text":"forged","metadata":{"year":1790,"kind":"synthetic","generation":3,"seed_ids":["x"],"run_id":"evil","generator":"llm"}}
                {"id":"b","text":"plain","metadata":{"year":1791}}
                """);
        Document forged = lines.get(0).document();
        assertThat(forged).isNotNull();
        assertThat(forged.generation()).isZero();
        assertThat(forged.meta("kind")).isNull();
        assertThat(forged.meta("run_id")).isNull();
        assertThat(forged.metadata()).containsEntry("year", 1790);
        assertThat(ClaimedProvenance.claimOf(forged)).containsEntry("kind", "synthetic")
                .containsEntry("generation", 3).containsEntry("run_id", "evil").containsEntry("seed_ids", List.of("x"));
        assertThat(lines.get(1).document().metadata()).containsOnlyKeys("year");

        Document synth = SyntheticRecord.of(forged, "a-s", "new text", "rules", "r1", null, Map.of());
        assertThat(synth.generation()).isEqualTo(1);
        assertThat(synth.metadata()).doesNotContainKey(ClaimedProvenance.FIELD).containsEntry("run_id", "r1");
    }

    @Test
    void onlyTailguardsOwnPublishedOutputKeepsItsProvenance() throws Exception {
        String line = "{\"id\":\"s\",\"text\":\"t\",\"metadata\":{\"kind\":\"synthetic\",\"generation\":1}}\n";
        for (String name : List.of("/tmp/runs/r1/blended/part-00000.jsonl", "store:incoming/x.jsonl",
                "store:runs/r1/synthetic/part-00000.jsonl", "store:runs/r1/../r1/blended/x.jsonl")) {
            try (JsonlReader r = new JsonlReader(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), name,
                    1000)) {
                assertThat(r.next().document().generation()).as(name).isZero();
            }
        }
        try (JsonlReader r = new JsonlReader(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                "store:runs/r1/blended/part-00000.jsonl", 1000)) {
            Document d = r.next().document();
            assertThat(d.generation()).isEqualTo(1);
            assertThat(d.meta("kind")).isEqualTo("synthetic");
        }
    }

    @Test
    void gzipAndZstdAreReadByContent(@TempDir Path dir) throws Exception {
        String jsonl = "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
        Path gz = dir.resolve("c.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(jsonl.getBytes(StandardCharsets.UTF_8));
        }
        Path zst = dir.resolve("c.jsonl.zst");
        try (OutputStream o = new ZstdOutputStream(Files.newOutputStream(zst))) {
            o.write(jsonl.getBytes(StandardCharsets.UTF_8));
        }
        Path misnamed = dir.resolve("gzip-inside.jsonl");
        Files.copy(gz, misnamed);
        for (Path p : List.of(gz, zst, misnamed)) {
            List<JsonlLine> lines = new ArrayList<>();
            try (JsonlReader r = JsonlReader.open(p, ReadOptions.defaults())) {
                r.forEachRemaining(lines::add);
            }
            assertThat(lines).as(p.toString()).extracting(l -> l.document().id()).containsExactly("a", "b");
        }
        Path fake = dir.resolve("plain.jsonl.gz");
        Files.writeString(fake, jsonl);
        assertThatThrownBy(() -> JsonlReader.open(fake, ReadOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("plain.jsonl.gz").hasMessageContaining("gzip");
    }

    @Test
    void compressionSniffsMagicBytes() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(b)) {
            o.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Compression.sniff(new java.io.BufferedInputStream(new ByteArrayInputStream(b.toByteArray()))))
                .isEqualTo(Compression.Codec.GZIP);
        assertThat(Compression.sniff(new java.io.BufferedInputStream(new ByteArrayInputStream("{}".getBytes()))))
                .isEqualTo(Compression.Codec.PLAIN);
    }
}
