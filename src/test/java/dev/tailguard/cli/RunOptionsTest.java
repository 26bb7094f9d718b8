package dev.tailguard.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunOptionsTest {

    @Test
    void parsesFlagsIntoSystemProperties() {
        RunOptions o = RunOptions.parse(new String[]{"--input", "a.jsonl,b.jsonl.zst", "--out=outdir", "--seed", "9",
                "--synthetic-ratio", "0.2", "--generator", "ngram", "--run-id", "r1"});
        assertThat(o.inputs()).containsExactly(Path.of("a.jsonl").toAbsolutePath().toString(),
                Path.of("b.jsonl.zst").toAbsolutePath().toString());
        assertThat(o.systemProperties()).containsEntry("tailguard.seed", "9").containsEntry("tailguard.synthetic-ratio", "0.2")
                .containsEntry("tailguard.generate.generator", "ngram").containsEntry("tailguard-cli.run-id", "r1")
                .containsEntry("tailguard.store.root", Path.of("outdir").toAbsolutePath().toString());
    }

    @Test
    void rejectsBadUsageWithAReason() {
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--out", "x"})).hasMessage("--input is required");
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--input", "a"})).hasMessage("--out is required");
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--input", "a", "--out", "o", "--seed", "x"}))
                .hasMessage("--seed needs an integer, got 'x'");
        assertThatThrownBy(() -> RunOptions.parse(new String[]{"--input", "a", "--bogus", "1"})).hasMessage("unknown option --bogus");
    }
}
