package dev.tailguard.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link JsonlObjects} reading bytes against the decoded-text reader it replaced, on tricky inputs. */
class JsonlObjectsBytesTest {

    record IdText(String id, String text) {
    }

    private static final String LONG = "{\"id\":\"long\",\"text\":\"" + "é日x😀".repeat(20_000) + "\"}";

    private static final String[] GOOD = {
        "{\"id\":\"a\",\"text\":\"x\"}",
        "{\"id\":\"é\",\"text\":\"日本😀 \\t \\\"q\\\"\"}",
        "{\"n\":1.5e3,\"m\":{\"x\":[1,2,null,true]},\"big\":12345678901234567890,\"neg\":-0.0}",
        "{\"id\":7,\"text\":\"\\ud800 lone\"}",
        "{\"s\":\"\\ud83d\\ude00 \\u00e9\",\"e\":{}}",
        "  {\"a\":1}",
        "\t{\"a\":2}   ",
        "{\"a\":1}}",
        "",
        "   ",
        "\t",
        "\u000b",
        "\u001f \u001c",
        "\u2003",
        "\u3000 \u2028",
        LONG,
    };

    private static final String[] BAD = {
        "[1,2]", "{bad", "null", "x", "\u000b{\"a\":1}", "\u2003{\"a\":1}", "\ufeff{\"a\":1}", "{\"a\":1,\"a\":2}",
        "{\u0000\u0000\u0000}", "{\u0000\u0000\u0000}\u0000\u0000\u0000", " {\u0000}", "{\"a\":1} x",
        "{\"t\":\"tab\there\"}", "{\"a\":1", "{\"a\":NaN}", "{\"id\":{\"x\":1}}", "\"just a string\"", "{\"a\":01}",
    };

    private static final String[] ENDS = {"\n", "\r", "\r\n"};

    /** The reader JsonlObjects had before it read bytes: readLine over a strict decoder, Jackson over the String. */
    private static <T> long textPath(InputStream in, String source, Class<T> type,
                                     JsonlObjects.Visitor<? super T> visitor) throws IOException {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        long lineNo = 0;
        long objects = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Compression.decoding(source, in),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            String line;
            while (true) {
                try {
                    line = r.readLine();
                } catch (CharacterCodingException e) {
                    throw new JsonlObjects.JsonlFormatException(source, lineNo + 1, "not valid UTF-8");
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.stripLeading().charAt(0) != '{') {
                    throw new JsonlObjects.JsonlFormatException(source, lineNo, "invalid JSON: not an object");
                }
                T value;
                try {
                    value = reader.readValue(line);
                } catch (JsonProcessingException e) {
                    throw new JsonlObjects.JsonlFormatException(source, lineNo, "invalid JSON for "
                            + type.getSimpleName() + ": " + e.getOriginalMessage());
                }
                if (value == null) {
                    throw new JsonlObjects.JsonlFormatException(source, lineNo, "invalid JSON: not an object");
                }
                visitor.accept(value, source, lineNo);
                objects++;
            }
        }
        return objects;
    }

    /** Everything a reader reports: each visit, then the count or the error. */
    private record Outcome(List<String> visits, String end) {
    }

    @FunctionalInterface
    private interface Reading<T> {
        long read(InputStream in, String source, Class<T> type, JsonlObjects.Visitor<? super T> visitor)
                throws IOException;
    }

    private static <T> Outcome outcome(byte[] bytes, Class<T> type, Reading<T> reading) {
        List<String> visits = new ArrayList<>();
        String end;
        try {
            end = "count " + reading.read(new ByteArrayInputStream(bytes), "s.jsonl", type,
                    (v, s, l) -> visits.add(s + ":" + l + ":" + v));
        } catch (JsonlObjects.JsonlFormatException e) {
            end = "error " + e.getMessage() + " @" + e.source() + ":" + e.line();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new Outcome(visits, end);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void sameObjectsLineNumbersAndErrorsAsTheTextReader() throws IOException {
        Random r = new Random(17);
        List<Class<?>> types = List.of(Map.class, JsonNode.class, IdText.class);
        int errors = 0;
        for (int round = 0; round < 1500; round++) {
            StringBuilder sb = new StringBuilder();
            int lines = r.nextInt(12);
            for (int i = 0; i < lines; i++) {
                sb.append(r.nextInt(12) == 0 ? BAD[r.nextInt(BAD.length)] : GOOD[r.nextInt(GOOD.length)]);
                if (i < lines - 1 || r.nextBoolean()) {
                    sb.append(ENDS[r.nextInt(ENDS.length)]);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(5) == 0) {
                bytes = gzip(bytes);
            }
            int buffer = r.nextInt(3) == 0 ? ByteLines.DEFAULT_BUFFER : 1 + r.nextInt(40);
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) types.get(r.nextInt(types.size()));
            Outcome expected = outcome(bytes, type, JsonlObjectsBytesTest::textPath);
            Outcome actual = outcome(bytes, type, (in, s, t, v) -> JsonlObjects.forEach(in, s, t, v, buffer));
            assertThat(actual).as("round %d (%s, buffer %d): %s", round, type.getSimpleName(), buffer,
                    sb.length() > 300 ? sb.substring(0, 300) : sb).isEqualTo(expected);
            errors += expected.end().startsWith("error") ? 1 : 0;
        }
        assertThat(errors).as("the rounds exercise errors too").isGreaterThan(100).isLessThan(1400);
    }

    @Test
    void everyBadLineFailsAsBeforeWithTheSameMessage() {
        for (String bad : BAD) {
            byte[] bytes = ("{\"id\":\"ok\"}\r\n\n" + bad + "\n{\"id\":\"after\"}").getBytes(StandardCharsets.UTF_8);
            for (Class<?> type : List.of(Map.class, JsonNode.class, IdText.class)) {
                @SuppressWarnings("unchecked")
                Class<Object> t = (Class<Object>) type;
                Outcome expected = outcome(bytes, t, JsonlObjectsBytesTest::textPath);
                Outcome actual = outcome(bytes, t, JsonlObjects::forEach);
                assertThat(actual).as("%s as %s", bad, type.getSimpleName()).isEqualTo(expected);
                if (expected.end().startsWith("error")) {
                    assertThat(actual.end()).contains("s.jsonl line 3: ");
                }
            }
        }
    }

    @Test
    void malformedUtf8NamesTheExactLineAfterTheValidOnes() {
        String[] broken = {"c3 28", "ed a0 80", "80", "c0 af", "f4 90 80 80", "e6 97"};
        Random r = new Random(23);
        for (String hex : broken) {
            for (int round = 0; round < 20; round++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int before = r.nextInt(6);
                for (int i = 0; i < before; i++) {
                    out.writeBytes((r.nextBoolean() ? LONG : GOOD[0]).getBytes(StandardCharsets.UTF_8));
                    out.writeBytes(ENDS[r.nextInt(ENDS.length)].getBytes(StandardCharsets.UTF_8));
                }
                out.writeBytes("{\"t\":\"".getBytes(StandardCharsets.UTF_8));
                out.writeBytes(java.util.HexFormat.ofDelimiter(" ").parseHex(hex));
                boolean atEnd = r.nextBoolean();
                if (!atEnd) {
                    out.writeBytes("\"}\n{\"id\":\"after\"}\n".getBytes(StandardCharsets.UTF_8));
                }
                byte[] bytes = out.toByteArray();
                int buffer = 1 + r.nextInt(64);
                Outcome actual = outcome(bytes, Map.class, (in, s, t, v) -> JsonlObjects.forEach(in, s, t, v, buffer));
                assertThat(actual.end()).as(hex).isEqualTo("error s.jsonl line " + (before + 1) + ": not valid UTF-8 @s.jsonl:"
                        + (before + 1));
                assertThat(actual.visits()).hasSize(before);
                Outcome old = outcome(bytes, Map.class, JsonlObjectsBytesTest::textPath);
                assertThat(old.end()).as("the text reader refused it too (it decoded ahead, so at this line or before)")
                        .contains("not valid UTF-8");
            }
        }
    }

    @Test
    void theLineParserSkipsBlankLinesAndParsesAnOffsetView() {
        JsonlLineParser<Map> parser = new JsonlLineParser<>(Map.class);
        byte[] b = "xx{\"a\":\"é\"}yy".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(b, 2, b.length - 4, "f", 9)).isEqualTo(Map.of("a", "é"));
        byte[] blank = " \t\u000b".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(blank, 0, blank.length, "f", 1)).isNull();
        assertThatThrownBy(() -> parser.parse(b, 0, b.length, "f", 9))
                .hasMessage("f line 9: invalid JSON: not an object");
    }
}
