package dev.tailguard.adversarial;

import dev.tailguard.function.KnownConfigKeys;
import dev.tailguard.cli.RunApplication;
import dev.tailguard.cli.RunOptions;
import dev.tailguard.cli.TailguardCommand;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.PipelineFailure;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunReported;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.StageFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 4/5, CLI side: an unwritable store and an out-of-memory error end with one clear line and exit 1,
 * and the CLI names a failure report only when one was written (on 1c00773 it printed the report path
 * unconditionally); unknown {@code tailguard.*} keys in system properties and the environment are rejected by name
 * like those of a {@code --config} file (on 1c00773 they were ignored silently).
 */
class CliFailurePathsTest {

    @TempDir
    Path dir;

    record Ended(int exit, String out, String err) {
    }

    private static Ended finish(ObjectStore store, String runId, Supplier<RunReported> run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunApplication.finish(store, runId, run, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ended(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnwritableStoreFailsWithOneLineAndNamesNoReport() throws Exception {
        ObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Files.writeString(dir.resolve("store/runs"), "a file where the runs folder should be");
        Ended e = finish(store, "r-unwritable", () -> {
            FrozenRun.of("r-unwritable", List.of("x.jsonl"), RunConfig.defaults(1), TaskLimits.DEFAULTS).freeze(store);
            throw new AssertionError("freeze must fail");
        });
        assertThat(e.exit()).isEqualTo(TailguardCommand.FAILED);
        assertThat(e.out()).isEmpty();
        assertThat(e.err().lines()).hasSize(2);
        assertThat(e.err()).contains("tailguard run r-unwritable failed: UncheckedIOException")
                .contains("no failure report was written").doesNotContain("report.json");
    }

    @Test
    void outOfMemoryFailsWithOneLineAndNamesNoReport() {
        ObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Ended e = finish(store, "r-oom", () -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertThat(e.exit()).isEqualTo(TailguardCommand.FAILED);
        assertThat(e.err()).contains("failed: out of memory (Java heap space); give the JVM more heap")
                .contains("no failure report was written").doesNotContain("report.json");
    }

    @Test
    void aStageFailureNamesTheReportItWroteAndNeverASucceededOne() throws Exception {
        ObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Ended failed = finish(store, "r-missing", () -> {
            try {
                return Pipeline.run(new RunRequested("r-missing", List.of(dir.resolve("absent.jsonl").toString()),
                        RunConfig.defaults(1)), store);
            } catch (PipelineFailure p) {
                throw new StageFailedException(p.stage(), p.getMessage(), p);
            }
        });
        assertThat(failed.exit()).isEqualTo(TailguardCommand.FAILED);
        assertThat(failed.err()).contains("tailguard run failed in stage generate")
                .contains("failure report: ").contains("runs/r-missing/report/report.json");

        Path in = Files.write(dir.resolve("ok.jsonl"), Files.readAllLines(Path.of("samples/sotu-sample.jsonl"))
                .subList(0, 12));
        Pipeline.run(new RunRequested("r-ok", List.of(in.toString()), RunConfig.defaults(1)), store);
        Ended late = finish(store, "r-ok", () -> {
            throw new StageFailedException("report", "a late redelivered failure", new IllegalStateException());
        });
        assertThat(late.exit()).isEqualTo(TailguardCommand.FAILED);
        assertThat(late.err()).contains("no failure report was written").doesNotContain("report.json");
    }

    @Test
    void unknownKeysInSystemPropertiesAndTheEnvironmentAreNamed() {
        KnownConfigKeys keys = KnownConfigKeys.ofApplication();
        assertThat(keys.unknownEnvironment(Map.of(
                "TAILGUARD_GENERATE_LLM_BASE_URL", "http://x", "TAILGUARD_SYNTHETIC_RATIO", "0.2",
                "TAILGUARD_GATES_SCORE_PII_RATE_MAX", "0.1", "TAILGUARD_STORE_S3_BUCKET", "b",
                "TAILGUARD_GENRATE_ORDER", "3", "TAILGUARD_LLM_MODEL", "m", "PATH", "/bin")))
                .containsExactly("TAILGUARD_GENRATE_ORDER", "TAILGUARD_LLM_MODEL");
        assertThat(keys.unknownProperties(Map.of("tailguard.seed", "1", "tailguard.synthetic-ration", "0.2",
                "java.home", "/x"))).containsExactly("tailguard.synthetic-ration");

        System.setProperty("tailguard.synthetic-ration", "0.2");
        try {
            List<RunOptions> launched = new ArrayList<>();
            CommandLine cl = TailguardCommand.commandLine(o -> {
                launched.add(o);
                return 0;
            });
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            int code = cl.execute("run", "--input", "a.jsonl");
            assertThat(code).isEqualTo(TailguardCommand.USAGE);
            assertThat(err.toString()).contains("unknown system property 'tailguard.synthetic-ration'")
                    .contains("did you mean 'tailguard.synthetic-ratio'?");
            assertThat(launched).isEmpty();
        } finally {
            System.clearProperty("tailguard.synthetic-ration");
        }
    }
}
