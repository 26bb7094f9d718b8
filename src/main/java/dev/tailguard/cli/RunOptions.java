package dev.tailguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code run}.
 *
 * @param inputs input files
 * @param out    output folder (the local object store root)
 * @param config optional properties file with {@code tailguard.*} keys
 * @param runId  optional run id
 * @param props  {@code tailguard.*} overrides from flags
 */
public record RunOptions(List<String> inputs, String out, String config, String runId, Map<String, String> props) {

    static final String USAGE = "run --input FILE[,FILE...] --out DIR [--config FILE] [--synthetic-ratio R] [--seed N]"
            + " [--generator ngram] [--blend-strategy accumulate|replace|verified-accumulate] [--run-id ID]";

    /** Parses the arguments after {@code run}. */
    public static RunOptions parse(String[] args) {
        List<String> inputs = new ArrayList<>();
        String out = null;
        String config = null;
        String runId = null;
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                v = args[++i];
            }
            switch (a) {
                case "--input" -> {
                    for (String s : v.split(",")) {
                        if (!s.isBlank()) {
                            inputs.add(Path.of(s.strip()).toAbsolutePath().normalize().toString());
                        }
                    }
                }
                case "--out" -> out = v;
                case "--config" -> config = Path.of(v).toAbsolutePath().toString();
                case "--run-id" -> runId = v;
                case "--synthetic-ratio" -> props.put("tailguard.synthetic-ratio", number(a, v));
                case "--seed" -> props.put("tailguard.seed", integer(a, v));
                case "--generator" -> props.put("tailguard.generate.generator", v);
                case "--blend-strategy" -> props.put("tailguard.blend.strategy", v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("--input is required");
        }
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("--out is required");
        }
        return new RunOptions(List.copyOf(inputs), out, config, runId, props);
    }

    /** System properties to set before Quarkus starts. */
    public Map<String, String> systemProperties() {
        Map<String, String> p = new LinkedHashMap<>(props);
        p.put("tailguard.store.root", Path.of(out).toAbsolutePath().toString());
        if (config != null) {
            p.put("quarkus.config.locations", Path.of(config).toUri().toString());
        }
        p.put("tailguard-cli.inputs", String.join(",", inputs));
        if (runId != null) {
            p.put("tailguard-cli.run-id", runId);
        }
        return p;
    }

    private static String number(String opt, String v) {
        try {
            Double.parseDouble(v);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs a number, got '" + v + "'");
        }
    }

    private static String integer(String opt, String v) {
        try {
            Long.parseLong(v);
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " needs an integer, got '" + v + "'");
        }
    }
}
