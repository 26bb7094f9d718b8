package dev.tailguard.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.tailguard.core.store.LocalObjectStore;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlObjectsTest {

    record IdText(String id, String text) {
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsObjectLinesSkippingBlankOnesWithTheirLineNumbers() throws IOException {
        List<String> seen = new ArrayList<>();
        long n = JsonlObjects.forEach(in("{\"id\":\"a\",\"text\":\"x\",\"n\":1}\n\n  \n{\"id\":\"b\",\"text\":\"y\"}\n"),
                "s.jsonl", IdText.class, (v, source, line) -> seen.add(source + ":" + line + ":" + v.id() + v.text()));
        assertThat(n).isEqualTo(2);
        assertThat(seen).containsExactly("s.jsonl:1:ax", "s.jsonl:4:by");
    }

    @Test
    void badLinesNameTheSourceAndLine() {
        assertThatThrownBy(() -> JsonlObjects.forEach(in("{\"id\":\"a\"}\n[1,2]\n"), "k.jsonl", JsonNode.class,
                (v, s, l) -> { }))
                .isInstanceOfSatisfying(JsonlObjects.JsonlFormatException.class, e -> {
                    assertThat(e.source()).isEqualTo("k.jsonl");
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessage("k.jsonl line 2: invalid JSON: not an object");
        assertThatThrownBy(() -> JsonlObjects.forEach(in("{\"id\":\n"), "k.jsonl", Map.class, (v, s, l) -> { }))
                .hasMessageStartingWith("k.jsonl line 1: invalid JSON");
        assertThatThrownBy(() -> JsonlObjects.forEach(in("{\"a\":1,\"a\":2}\n"), "k.jsonl", Map.class, (v, s, l) -> { }))
                .as("duplicate keys are refused, as by Json.MAPPER").hasMessageContaining("Duplicate field 'a'");
        byte[] latin1 = "{\"t\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> JsonlObjects.forEach(new ByteArrayInputStream(latin1), "k.jsonl", Map.class,
                (v, s, l) -> { })).hasMessage("k.jsonl line 1: not valid UTF-8");
    }

    @Test
    void requireTextNamesTheField() throws IOException {
        List<String> texts = new ArrayList<>();
        JsonlObjects.forEach(in("{\"text\":\"ok\"}\n"), "f", JsonNode.class,
                (v, s, l) -> texts.add(JsonlObjects.requireText(v, "text", s, l)));
        assertThat(texts).containsExactly("ok");
        assertThatThrownBy(() -> JsonlObjects.forEach(in("{\"text\":\"ok\"}\n{\"text\":3}\n"), "f", JsonNode.class,
                (v, s, l) -> JsonlObjects.requireText(v, "text", s, l)))
                .hasMessage("f line 2: field 'text' is not a string");
        assertThatThrownBy(() -> JsonlObjects.forEach(in("{}\n"), "f", JsonNode.class,
                (v, s, l) -> JsonlObjects.requireText(v, "id", s, l)))
                .hasMessage("f line 1: field 'id' is missing");
    }

    @Test
    void readsZstdStoreObjectsInKeyOrder(@TempDir Path dir) throws IOException {
        LocalObjectStore store = new LocalObjectStore(dir);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (OutputStream o = new ZstdOutputStream(z)) {
            o.write("{\"id\":\"z1\"}\n{\"id\":\"z2\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        store.put("b/part-1.jsonl.zst", z.toByteArray());
        store.put("a/part-0.jsonl", "{\"id\":\"p\"}\n".getBytes(StandardCharsets.UTF_8));
        List<String> ids = new ArrayList<>();
        long n = JsonlObjects.forEach(store, List.of("b/part-1.jsonl.zst", "a/part-0.jsonl"), JsonNode.class,
                (v, s, l) -> ids.add(s + "#" + l + "=" + v.get("id").asText()));
        assertThat(n).isEqualTo(3);
        assertThat(ids).containsExactly("b/part-1.jsonl.zst#1=z1", "b/part-1.jsonl.zst#2=z2", "a/part-0.jsonl#1=p");
        Path file = dir.resolve("plain.jsonl");
        Files.writeString(file, "{\"id\":\"f\"}\n");
        assertThat(JsonlObjects.forEach(file, IdText.class, (v, s, l) -> assertThat(v.id()).isEqualTo("f"))).isEqualTo(1);
    }
}
