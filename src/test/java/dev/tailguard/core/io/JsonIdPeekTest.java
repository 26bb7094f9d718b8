package dev.tailguard.core.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonIdPeekTest {

    private static String peek(String line) {
        byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        return JsonIdPeek.id(b, 2, b.length - 4);
    }

    @Test
    void readsTheTopLevelIdWhereverItIs() {
        assertThat(peek("{\"id\":\"d1\",\"text\":\"a \\\"quoted\\\" text\\n\"}")).isEqualTo("d1");
        assertThat(peek("{\"text\":\"x\",\"metadata\":{\"id\":\"inner\",\"l\":[1,{\"id\":\"deeper\"}]},\"id\":\"outer\"}"))
                .isEqualTo("outer");
        assertThat(peek("{\"id\":\"caf\\u00e9 \u00e9t\u00e9 \uD83D\uDE00\"}")).isEqualTo("caf\u00e9 \u00e9t\u00e9 \uD83D\uDE00");
        assertThat(peek(" { \"a\" : [ ] , \"id\" : \"sp\" } ")).isEqualTo("sp");
    }

    @Test
    void nullWhenThereIsNoStringIdOrTheLineIsNotAnObject() {
        assertThat(peek("{\"text\":\"no id\"}")).isNull();
        assertThat(peek("{\"id\":7,\"text\":\"x\"}")).isNull();
        assertThat(peek("[\"id\",\"x\"]")).isNull();
        assertThat(peek("{\"text\":\"unterminated")).isNull();
        assertThat(peek("not json")).isNull();
        assertThat(peek("")).isNull();
        // the id before a later syntax error is still read (the full parse reports the error when the line is wanted)
        assertThat(peek("{\"id\":\"early\",\"text\": }")).isEqualTo("early");
    }

    @Test
    void theSkippedTextIsNeverDecodedSoMalformedUtf8AfterTheIdDoesNotMatter() {
        byte[] head = "{\"id\":\"ok\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + 3];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xC3; // a lone lead byte
        line[head.length + 1] = '"';
        line[head.length + 2] = '}';
        assertThat(JsonIdPeek.id(line, 0, line.length)).isEqualTo("ok");
    }
}
