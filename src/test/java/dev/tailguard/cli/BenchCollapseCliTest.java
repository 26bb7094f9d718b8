package dev.tailguard.cli;

import dev.tailguard.cli.TailguardCommandTest.Invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard bench collapse} through the picocli command line. */
class BenchCollapseCliTest {

    @TempDir
    Path dir;

    @Test
    void usageErrorsNameTheFlag() {
        Invocation gens = TailguardCommandTest.invoke("bench", "collapse", "--input", "x.jsonl", "--generations", "0");
        assertThat(gens.exit()).isEqualTo(2);
        assertThat(gens.err()).contains("Invalid value for option '--generations': '0' must be >= 1");
        Invocation missing = TailguardCommandTest.invoke("bench", "collapse");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--input=FILE'");
        Invocation absent = TailguardCommandTest.invoke("bench", "collapse", "--input", dir.resolve("no.jsonl").toString());
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.err()).contains("input file not found");
    }

    @Test
    void badLineIsNamed() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\"}\n");
        Invocation r = TailguardCommandTest.invoke("bench", "collapse", "--input", bad.toString(), "--no-embed");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl:2");
    }

    @Test
    void printsTheTableAndTheFalseAlarmCount() throws IOException {
        Path corpus = dir.resolve("moby.jsonl");
        try (InputStream in = getClass().getResourceAsStream("/collapse/moby-dick-slice.jsonl")) {
            Files.copy(in, corpus);
        }
        Invocation r = TailguardCommandTest.invoke("bench", "collapse", "--input", corpus.toString(),
                "--generations", "1", "--control-seeds", "1", "--no-embed");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("| chain | seed | gen | level |")
                .contains("| fresh-real", "| replace:0.9", "| accumulate", "| word-salad:order-2")
                .contains("control false alarms ").contains(" of 1; ");
    }
}
