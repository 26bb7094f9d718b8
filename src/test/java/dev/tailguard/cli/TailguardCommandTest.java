package dev.tailguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The picocli command line: help and version everywhere, errors that name the flag, exit codes, typed run options. */
class TailguardCommandTest {

    /** What one invocation printed and returned; {@code launched} holds the options a run would have started with. */
    record Invocation(int exit, String out, String err, List<RunOptions> launched) {
    }

    /** {@code tailguard COMMAND ARGS}: the command followed by its arguments. */
    static Invocation invoke(String command, String[] args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return invoke(all);
    }

    static Invocation invoke(String... args) {
        List<RunOptions> launched = new ArrayList<>();
        CommandLine cl = TailguardCommand.commandLine(o -> {
            launched.add(o);
            return 0;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Invocation(code, out.toString(), err.toString(), launched);
    }

    /** {@link #invoke} with the command line {@code main} builds for these arguments (only the named command). */
    static Invocation invokeAsMain(String... args) {
        CommandLine cl = TailguardCommand.commandLine(o -> 0, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Invocation(code, out.toString(), err.toString(), List.of());
    }

    @Test
    void aCommandBuiltAloneBehavesAsInTheWholeCommandLine() {
        for (String line : List.of("lm --help", "lm --order 9", "lm --tset x", "simulate --help", "bench --help",
                "bench scale --help", "bench scale --copies 0", "calibrate --help", "calibrate", "run --help",
                "run --synthetic-ratio lots", "lm", "bench lm --help")) {
            String[] args = line.split(" ");
            Invocation whole = invoke(args);
            Invocation alone = invokeAsMain(args);
            assertThat(alone.exit()).as(line).isEqualTo(whole.exit());
            assertThat(alone.out()).as(line).isEqualTo(whole.out());
            assertThat(alone.err()).as(line).isEqualTo(whole.err());
        }
        assertThat(TailguardCommand.commandLine(o -> 0, new String[] {"lm"}).getSubcommands()).containsOnlyKeys("lm");
        assertThat(TailguardCommand.commandLine(o -> 0, new String[] {"help"}).getSubcommands())
                .containsKeys("run", "simulate", "lm", "bench", "calibrate", "help");
        assertThat(invokeAsMain("--help").out()).isEqualTo(invoke("--help").out());
        assertThat(invokeAsMain("lmm").err()).isEqualTo(invoke("lmm").err()).contains("lm");
    }

    @Test
    void helpAndVersionWorkOnEveryCommand() {
        for (String cmd : List.of("run", "simulate", "lm", "bench", "bench lm", "bench lm-cap", "bench scale",
                "bench collapse")) {
            Invocation help = invoke((cmd + " --help").split(" "));
            assertThat(help.exit()).as(cmd).isZero();
            assertThat(help.out()).as(cmd).contains("Usage: tailguard " + cmd, "Exit codes");
            Invocation version = invoke((cmd + " --version").split(" "));
            assertThat(version.exit()).as(cmd).isZero();
            assertThat(version.out()).as(cmd).startsWith("tailguard ");
        }
        assertThat(invoke("--help").out()).contains("run", "simulate", "lm", "bench", "Exit codes: 0 ok, 1 run failed, 2 usage error.");
        assertThat(invoke("run", "--help").launched()).isEmpty();
    }

    @Test
    void helpListsTheOptionsAndSubcommands() {
        assertThat(invoke("lm", "--help").out()).contains("--order=N", "--train=FILE", "--load=MODEL");
        Invocation lmOrder = invoke("lm", "--order", "9", "--train", "a.txt", "--test", "b.txt");
        assertThat(lmOrder.exit()).isEqualTo(2);
        assertThat(lmOrder.err()).contains("--order must be between 2 and 6, got 9");
        Invocation lmLoad = invoke("lm", "--load", "m.bin", "--order", "3");
        assertThat(lmLoad.exit()).isEqualTo(2);
        assertThat(lmLoad.err()).contains("--load cannot be combined with --train, --order");
        Invocation lmType = invoke("lm", "--order", "three");
        assertThat(lmType.exit()).isEqualTo(2);
        assertThat(lmType.err()).contains("Invalid value for option '--order'", "'three'");
        assertThat(invoke("bench", "-h").out()).contains("--input=FILE", "--order=N", "lm-cap", "scale");
        assertThat(invoke("bench", "scale", "--help").out())
                .contains("--copies=C[,C...]", "--workers=W[,W...]", "--xmx=SIZE", "--timeout-s=S", "default 512m");
        assertThat(invoke("bench", "lm-cap", "--help").out()).contains("--caps=T[,T...]", "1000000,2000000,4000000,0");
        assertThat(invoke("bench", "lm", "--help").out()).contains("--train=FILE", "--test=FILE", "--repeats=R");
    }

    @Test
    void usageErrorsNameTheFlagAndExitTwo() {
        Invocation unknown = invoke("run", "--input", "a.jsonl", "--foo");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("tailguard run: Unknown option: '--foo'");
        Invocation ratio = invoke("run", "--input", "a.jsonl", "--synthetic-ratio", "lots");
        assertThat(ratio.exit()).isEqualTo(2);
        assertThat(ratio.err()).contains("Invalid value for option '--synthetic-ratio'", "'lots'");
        Invocation range = invoke("run", "--input", "a.jsonl", "--synthetic-ratio", "1.5");
        assertThat(range.err()).contains("Invalid value for option '--synthetic-ratio': '1.5' must be in [0, 1)");
        assertThat(invoke("run", "--input", "a", "--blend-strategy", "mix").err())
                .contains("Invalid value for option '--blend-strategy': 'mix'");
        assertThat(invoke("run", "--input", "a", "--output-format", "csv").err())
                .contains("Invalid value for option '--output-format': 'csv'");
        assertThat(invoke("run", "--input", "a", "--workers", "0").err()).contains("'--workers': '0' must be >= 1");
        Invocation missing = invoke("run", "--out", "x");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("tailguard run: Missing required option: '--input");
        Invocation cmd = invoke("frobnicate");
        assertThat(cmd.exit()).isEqualTo(2);
        assertThat(cmd.err()).contains("Unmatched argument at index 0: 'frobnicate'");
        assertThat(invoke("simulat").err()).contains("Did you mean", "simulate");
        assertThat(unknown.launched()).isEmpty();
    }

    @Test
    void runFlagsBecomeTypedTailguardConfig(@TempDir Path dir) throws Exception {
        Path anchor = Files.writeString(dir.resolve("anchor.jsonl"), "{}\n");
        Invocation r = invoke("run", "--input", "a.jsonl,store:incoming/b.jsonl", "--input", "c.jsonl",
                "--out=" + dir.resolve("o"), "--seed", "9", "--synthetic-ratio", "0.25", "--generator", "ngram",
                "--blend-strategy", "replace", "--workers", "4", "--anchor", anchor.toString(),
                "--synthetic", "s1.jsonl,store:s2", "--text-field", "body", "--output-format", "parquet", "--run-id", "r1");
        assertThat(r.exit()).as(r.err()).isZero();
        RunOptions o = r.launched().get(0);
        assertThat(o.inputs()).containsExactly(Path.of("a.jsonl").toAbsolutePath().toString(), "store:incoming/b.jsonl",
                Path.of("c.jsonl").toAbsolutePath().toString());
        assertThat(o.flagConfig())
                .containsEntry("tailguard.store.root", dir.resolve("o").toAbsolutePath().toString())
                .containsEntry("tailguard.seed", "9")
                .containsEntry("tailguard.synthetic-ratio", "0.25")
                .containsEntry("tailguard.generate.generator", "ngram")
                .containsEntry("tailguard.blend.strategy", "replace")
                .containsEntry("tailguard.workers", "4")
                .containsEntry("tailguard.collapse.anchor", anchor.toAbsolutePath().toString())
                .containsEntry("tailguard.synthetic.inputs", Path.of("s1.jsonl").toAbsolutePath() + ",store:s2")
                .containsEntry("tailguard.input.text-field", "body")
                .containsEntry("tailguard.output.format", "parquet")
                .containsEntry(RunOptions.RUN_ID_KEY, "r1")
                .containsEntry(RunOptions.INPUTS_KEY, String.join(",", o.inputs()));
        assertThat(o.configFile()).isEmpty();
        assertThat(invoke("run", "--input", "a", "--anchor", "anchors/sotu").launched().get(0).flagConfig())
                .as("a store key stays a key").containsEntry("tailguard.collapse.anchor", "anchors/sotu");
    }

    @Test
    void configFileOfAnyNameIsReadAndUnknownKeysAreRejectedByName(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("my.conf"), """
                # a run's settings
                tailguard.seed=7
                tailguard.gates.score.pii-rate.max=0.01
                quarkus.log.level=INFO
                """);
        Invocation ok = invoke("run", "--input", "a", "--config", cfg.toString(), "--seed", "8");
        assertThat(ok.exit()).as(ok.err()).isZero();
        RunOptions o = ok.launched().get(0);
        assertThat(o.configFile()).containsEntry("tailguard.seed", "7")
                .containsEntry("tailguard.gates.score.pii-rate.max", "0.01").containsEntry("quarkus.log.level", "INFO");
        assertThat(o.flagConfig()).containsEntry("tailguard.seed", "8");

        Path bad = Files.writeString(dir.resolve("bad.txt"), "tailguard.seed=1\ntailguard.synthetic-ration=0.2\n");
        Invocation rejected = invoke("run", "--input", "a", "--config", bad.toString());
        assertThat(rejected.exit()).isEqualTo(2);
        assertThat(rejected.err()).contains("--config: " + bad.toAbsolutePath() + ":2: unknown key 'tailguard.synthetic-ration'",
                "did you mean 'tailguard.synthetic-ratio'?");
        assertThat(rejected.launched()).isEmpty();

        Invocation absent = invoke("run", "--input", "a", "--config", dir.resolve("nope.properties").toString());
        assertThat(absent.exit()).isEqualTo(2);
        assertThat(absent.err()).contains("--config: config file not found: ");
    }

    @Test
    void simulateOptionsMapOntoTheConfigRecord(@TempDir Path dir) {
        Invocation bad = invoke("simulate", "--input", "x.jsonl", "--out", dir.toString(), "--order", "9");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("tailguard simulate: Invalid value: --order must be in 2..6, got 9");
        Invocation notInt = invoke("simulate", "--input", "x.jsonl", "--out", dir.toString(), "--seeds", "many");
        assertThat(notInt.err()).contains("Invalid value for option '--seeds'");
        Invocation band = invoke("simulate", "--input", "x.jsonl", "--out", dir.toString(), "--verify-band", "0.1");
        assertThat(band.err()).contains("'--verify-band': needs LO,HI");
        Invocation missingFile = invoke("simulate", "--input", dir.resolve("none.jsonl").toString(), "--out", dir.toString());
        assertThat(missingFile.exit()).isEqualTo(1);
        assertThat(missingFile.err()).contains("simulate: input file not found");
    }
}
