package dev.tailguard.core.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The first chapters of the shared Moby-Dick corpus as a small JSONL file. */
public final class MobySlice {

    private MobySlice() {
    }

    public static Path write(Path dir, int chapters) throws IOException {
        Path src = Stream.of(Path.of("../shared/data/moby-dick.jsonl"), Path.of("/work/shared/data/moby-dick.jsonl"))
                .filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(src != null, "shared corpus ../shared/data/moby-dick.jsonl not available");
        List<String> lines;
        try (Stream<String> s = Files.lines(src)) {
            lines = s.limit(chapters).toList();
        }
        Path out = dir.resolve("moby-slice.jsonl");
        Files.write(out, lines);
        return out;
    }
}
