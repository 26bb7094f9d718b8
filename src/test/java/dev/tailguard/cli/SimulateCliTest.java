package dev.tailguard.cli;

import dev.tailguard.cli.TailguardCommandTest.Invocation;
import dev.tailguard.core.sim.MobySlice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tailguard simulate} end to end through the picocli command line: usage errors, failures, the three files. */
class SimulateCliTest {

    @TempDir
    Path dir;

    private static Invocation simulate(String... args) {
        return TailguardCommandTest.invoke("simulate", args);
    }

    @Test
    void usageErrorsNameTheFlagAndReturnTwo() {
        Invocation missing = simulate("--out", dir.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--input=FILE'").contains("tailguard simulate --help");
        Invocation strategy = simulate("--input", "x", "--out", "y", "--strategies", "replace,mix");
        assertThat(strategy.exit()).isEqualTo(2);
        assertThat(strategy.err()).contains("mix");
        Invocation order = simulate("--input", "x", "--out", "y", "--order", "three");
        assertThat(order.exit()).isEqualTo(2);
        assertThat(order.err()).contains("Invalid value for option '--order'", "'three'");
        Invocation holdout = simulate("--input", "x", "--out", "y", "--holdout", "1.5");
        assertThat(holdout.exit()).isEqualTo(2);
        assertThat(holdout.err()).contains("--holdout");
        Invocation bogus = simulate("--input", "x", "--out", "y", "--bogus", "1");
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err()).contains("Unknown options: '--bogus'");
    }

    @Test
    void missingInputAndBadLinesFailWithOneLine() throws Exception {
        Invocation absent = simulate("--input", dir.resolve("nope.jsonl").toString(), "--out", dir.toString());
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.err()).contains("not found");
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"id\":\"a\",\"text\":\"One. Two.\"}", "{\"id\":\"b\",\"text\":3}"));
        Invocation badLine = simulate("--input", bad.toString(), "--out", dir.resolve("o").toString(), "--quiet");
        assertThat(badLine.exit()).isEqualTo(1);
        assertThat(badLine.err()).contains("line 2").contains("'text'");
    }

    @Test
    void writesTheThreeFiles() throws Exception {
        Path input = MobySlice.write(dir, 6);
        Path o = dir.resolve("sim");
        Invocation r = simulate("--input", input.toString(), "--out", o.toString(), "--generations", "1", "--seeds", "1",
                "--strategies", "replace,accumulate", "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(o.resolve("simulation.json")).isRegularFile();
        assertThat(o.resolve("simulation.html")).isRegularFile();
        assertThat(o.resolve("SUMMARY.md")).isRegularFile();
        assertThat(r.out()).contains("replace: held-out perplexity rises").contains("wrote");
    }
}
