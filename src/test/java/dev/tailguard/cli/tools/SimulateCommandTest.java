package dev.tailguard.cli.tools;

import dev.tailguard.core.sim.MobySlice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimulateCommand.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsReturnTwo() {
        assertThat(run("--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--input is required").contains("usage: simulate");
        assertThat(run("--input", "x", "--out", "y", "--strategies", "replace,mix")).isEqualTo(2);
        assertThat(run("--input", "x", "--out", "y", "--order", "three")).isEqualTo(2);
        assertThat(run("--input", "x", "--out", "y", "--holdout", "1.5")).isEqualTo(2);
        assertThat(run("--input", "x", "--out", "y", "--bogus", "1")).isEqualTo(2);
    }

    @Test
    void missingInputAndBadLinesFailWithOneLine() throws Exception {
        assertThat(run("--input", dir.resolve("nope.jsonl").toString(), "--out", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not found");
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"id\":\"a\",\"text\":\"One. Two.\"}", "{\"id\":\"b\",\"text\":3}"));
        err.reset();
        assertThat(run("--input", bad.toString(), "--out", dir.resolve("o").toString(), "--quiet")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2").contains("'text'");
    }

    @Test
    void writesTheThreeFiles() throws Exception {
        Path input = MobySlice.write(dir, 6);
        Path o = dir.resolve("sim");
        int code = run("--input", input.toString(), "--out", o.toString(), "--generations", "1", "--seeds", "1",
                "--strategies", "replace,accumulate", "--quiet");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(o.resolve("simulation.json")).isRegularFile();
        assertThat(o.resolve("simulation.html")).isRegularFile();
        assertThat(o.resolve("SUMMARY.md")).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("replace: held-out perplexity rises").contains("wrote");
    }
}
