package dev.tailguard.cli;

import dev.tailguard.function.KnownConfigKeys;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code tailguard run}: the embedded pipeline. Flags become {@code tailguard.*} configuration ({@link RunOptions}),
 * handed to the Quarkus application through {@link CliConfigSourceProvider}; the run itself is
 * {@code RunApplication} (generate → score → blend → report in-process).
 */
@RegisterForReflection
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Run generate -> score -> blend -> report in-process on a local folder (or the configured store).",
        footer = {"", "Precedence: flags > --config file > system properties > environment > application.properties.",
                "Exit codes: 0 ok (or paused for review), 1 run failed, 2 usage error."})
public class RunCommand implements Callable<Integer> {

    /** Config key of {@code --workers}. */
    public static final String WORKERS = "tailguard.workers"; // also listed in KnownConfigKeys.ADAPTER_FAMILIES
    /** Config key of {@code --anchor}. */
    public static final String ANCHOR = "tailguard.collapse.anchor";
    /** Config key of {@code --synthetic}. */
    public static final String SYNTHETIC_INPUTS = "tailguard.synthetic.inputs";
    /** Config key of {@code --text-field}. */
    public static final String TEXT_FIELD = "tailguard.input.text-field";
    /** Config key of {@code --output-format}. */
    public static final String OUTPUT_FORMAT = "tailguard.output.format";

    static final Set<String> BLEND_STRATEGIES = Set.of("accumulate", "replace", "verified-accumulate");
    static final Set<String> OUTPUT_FORMATS = Set.of("jsonl", "parquet");
    static final String STORE_PREFIX = "store:";

    /** Starts the embedded run with the parsed options; returns the exit code. */
    @FunctionalInterface
    public interface Launcher {
        int launch(RunOptions options);
    }

    @Spec
    CommandSpec spec;

    private final Launcher launcher;

    @Option(names = "--input", split = ",", paramLabel = "FILE|store:KEY", required = true,
            description = "Real input: JSONL (.gz/.zst by content), Parquet, or a folder of them; comma-separated or repeated; store:KEY reads an object-store key or prefix/.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: the local object store root (tailguard.store.root). Default: the configured store.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of tailguard.* (and quarkus.*) keys, any file name; unknown tailguard.* keys are rejected.")
    Path config;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id (default: generated).")
    String runId;

    @Option(names = "--synthetic-ratio", paramLabel = "R", description = "Target synthetic share of the blend, 0 <= R < 1 (tailguard.synthetic-ratio).")
    Double syntheticRatio;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (tailguard.seed).")
    Long seed;

    @Option(names = "--generator", paramLabel = "NAME", description = "Generator (tailguard.generate.generator), e.g. ngram.")
    String generator;

    @Option(names = "--blend-strategy", paramLabel = "S", description = "accumulate | replace | verified-accumulate (tailguard.blend.strategy).")
    String blendStrategy;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers per stage, N >= 1 (" + WORKERS + ").")
    Integer workers;

    @Option(names = "--anchor", paramLabel = "KEY|FILE", description = "Frozen real anchor of the collapse metrics: a store key or a file (" + ANCHOR + ").")
    String anchor;

    @Option(names = "--synthetic", split = ",", paramLabel = "FILE|store:KEY",
            description = "Synthetic input JSONL to score and blend instead of generating, comma-separated or repeated (" + SYNTHETIC_INPUTS + ").")
    List<String> synthetic = new ArrayList<>();

    @Option(names = "--text-field", paramLabel = "NAME", description = "JSON field that holds the text (" + TEXT_FIELD + ", default text).")
    String textField;

    @Option(names = "--output-format", paramLabel = "F", description = "jsonl | parquet | jsonl,parquet (" + OUTPUT_FORMAT + ").")
    String outputFormat;

    /** A command that starts Quarkus through the given launcher. */
    public RunCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        return launcher.launch(options());
    }

    /** The parsed, validated options. */
    RunOptions options() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (out != null) {
            flags.put("tailguard.store.root", out.toAbsolutePath().normalize().toString());
        }
        if (syntheticRatio != null) {
            check(syntheticRatio >= 0 && syntheticRatio < 1, "--synthetic-ratio", syntheticRatio + "", "must be in [0, 1)");
            flags.put("tailguard.synthetic-ratio", syntheticRatio.toString());
        }
        putIf(flags, "tailguard.seed", seed);
        putIf(flags, "tailguard.generate.generator", generator);
        if (blendStrategy != null) {
            check(BLEND_STRATEGIES.contains(blendStrategy), "--blend-strategy", blendStrategy, "expected one of " + BLEND_STRATEGIES);
            flags.put("tailguard.blend.strategy", blendStrategy);
        }
        if (workers != null) {
            check(workers >= 1, "--workers", workers + "", "must be >= 1");
            flags.put(WORKERS, workers.toString());
        }
        if (anchor != null) {
            flags.put(ANCHOR, Files.exists(Path.of(anchor)) ? Path.of(anchor).toAbsolutePath().normalize().toString() : anchor);
        }
        if (!synthetic.isEmpty()) {
            flags.put(SYNTHETIC_INPUTS, String.join(",", locations("--synthetic", synthetic)));
        }
        putIf(flags, TEXT_FIELD, textField);
        if (outputFormat != null) {
            check(java.util.Arrays.stream(outputFormat.split(",", -1)).map(String::trim).allMatch(OUTPUT_FORMATS::contains),
                    "--output-format", outputFormat, "expected a comma-separated list of " + OUTPUT_FORMATS);
            flags.put(OUTPUT_FORMAT, outputFormat);
        }
        KnownConfigKeys known = KnownConfigKeys.ofApplication();
        Map<String, String> file = Map.of();
        if (config != null) {
            try {
                file = ConfigFile.load(config.toAbsolutePath(), known);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--config: " + e.getMessage(), e);
            }
        }
        rejectUnknown(known.unknownProperties(System.getProperties()), "system property", known);
        rejectUnknown(known.unknownEnvironment(System.getenv()), "environment variable", known);
        return new RunOptions(locations("--input", inputs), runId, file, flags);
    }

    /** A usage error naming every unknown {@code tailguard.*} key set outside the flags and the config file. */
    private void rejectUnknown(List<String> unknown, String where, KnownConfigKeys known) {
        if (unknown.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String k : unknown) {
            lines.add("unknown " + where + " '" + k + "'" + (k.startsWith("tailguard.")
                    ? known.suggest(k).map(x -> "; did you mean '" + x + "'?").orElse("") : "")
                    + " (no tailguard.* key reads it; remove or correct it)");
        }
        throw new ParameterException(spec.commandLine(), String.join("\n", lines));
    }

    /** Absolute file paths; {@code store:KEY} kept as it is; blanks rejected. */
    private List<String> locations(String option, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            String s = v.strip();
            check(!s.isEmpty() && !s.equals(STORE_PREFIX), option, v, "needs a file or store:KEY");
            out.add(s.startsWith(STORE_PREFIX) ? s : Path.of(s).toAbsolutePath().normalize().toString());
        }
        return out;
    }

    private void check(boolean ok, String option, String value, String why) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + value + "' " + why);
        }
    }

    private static void putIf(Map<String, String> m, String key, Object value) {
        if (value != null) {
            m.put(key, value.toString());
        }
    }
}
