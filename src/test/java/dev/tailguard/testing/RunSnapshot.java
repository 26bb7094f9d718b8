package dev.tailguard.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A run folder's files for byte-identity checks across worker counts, processes and transports. */
public final class RunSnapshot {

    private RunSnapshot() {
    }

    /**
     * Asserts that two run folders hold the same files with the same contents ({@link #of}), naming the first file
     * that differs.
     */
    public static void assertSame(Path actual, Path expected) throws IOException {
        Map<String, String> a = of(actual);
        Map<String, String> e = of(expected);
        assertThat(a.keySet()).isEqualTo(e.keySet());
        e.forEach((k, v) -> assertThat(a.get(k)).as(k).isEqualTo(v));
    }

    /**
     * Every file's content by relative path: binary artifacts ({@code .bin}: reference models, 13-gram set) as hex,
     * JSON without its wall-clock timing fields, everything else as text.
     */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String k = root.relativize(p).toString();
                String content = k.endsWith(".bin") ? HexFormat.of().formatHex(Files.readAllBytes(p))
                        : Files.readString(p);
                if (k.endsWith(".json")) {
                    Map<String, Object> j = Json.MAPPER.readValue(content,
                            new TypeReference<LinkedHashMap<String, Object>>() {
                            });
                    j.remove("timing_ms");
                    j.remove("timings_ms");
                    content = Json.write(j);
                }
                m.put(k, content);
            }
        }
        return m;
    }
}
