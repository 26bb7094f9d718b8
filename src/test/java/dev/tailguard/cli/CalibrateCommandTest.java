package dev.tailguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code tailguard calibrate}: help, and usage errors that name the flag (exit 2) before anything runs. */
class CalibrateCommandTest {

    @Test
    void helpListsTheOptionsAndTheCommandIsRegistered() {
        TailguardCommandTest.Invocation help = TailguardCommandTest.invoke("calibrate", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: tailguard calibrate", "--input", "--generations", "--seeds",
                "--chains", "--min-anchor-windows", "Exit codes");
        assertThat(TailguardCommandTest.invoke("--help").out()).contains("calibrate");
    }

    @Test
    void badValuesNameTheirFlag() {
        TailguardCommandTest.Invocation chain = TailguardCommandTest.invoke("calibrate", "--input", "c.jsonl",
                "--out", "o", "--chains", "replace,salat");
        assertThat(chain.exit()).isEqualTo(2);
        assertThat(chain.err()).contains("tailguard calibrate:", "'salat'");
        TailguardCommandTest.Invocation gens = TailguardCommandTest.invoke("calibrate", "--input", "c.jsonl",
                "--out", "o", "--generations", "0");
        assertThat(gens.exit()).isEqualTo(2);
        assertThat(gens.err()).contains("--generations");
        assertThat(TailguardCommandTest.invoke("calibrate", "--out", "o").err()).contains("--input");
    }

    @Test
    void aMissingCorpusFailsWithExitOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TailguardCommandTest.Invocation r = TailguardCommandTest.invoke("calibrate", "--input",
                dir.resolve("absent.jsonl").toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("tailguard calibrate failed:", "absent.jsonl");
    }
}
