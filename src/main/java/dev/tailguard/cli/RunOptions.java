package dev.tailguard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed result of parsing {@code tailguard run}: what the embedded run receives as configuration. Nothing here
 * becomes a system property; {@link CliConfigSourceProvider} hands the three maps to Quarkus as config sources.
 *
 * @param inputs     real inputs: absolute file paths or {@code store:KEY} object-store keys
 * @param runId      run id, or null for a generated one
 * @param configFile {@code key=value} pairs of the {@code --config} file (already checked for unknown
 *                   {@code tailguard.*} keys); empty without {@code --config}
 * @param flags      {@code tailguard.*} keys set by flags; they override {@code configFile}
 */
public record RunOptions(List<String> inputs, String runId, Map<String, String> configFile, Map<String, String> flags) {

    /** Config key of the comma-joined real inputs, read by {@code RunApplication}. */
    public static final String INPUTS_KEY = "tailguard-cli.inputs";
    /** Config key of the run id, read by {@code RunApplication}. */
    public static final String RUN_ID_KEY = "tailguard-cli.run-id";

    /** Copies the collections. */
    public RunOptions {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input is required");
        }
        inputs = List.copyOf(inputs);
        configFile = Map.copyOf(configFile);
        flags = Map.copyOf(flags);
    }

    /** The flag-level config of the run: {@link #flags()} plus the inputs and run id for {@code RunApplication}. */
    public Map<String, String> flagConfig() {
        Map<String, String> m = new LinkedHashMap<>(flags);
        m.put(INPUTS_KEY, String.join(",", inputs));
        if (runId != null) {
            m.put(RUN_ID_KEY, runId);
        }
        return m;
    }

    /**
     * Settings that make Quarkus a quiet library in a run: no HTTP listener, no banner, logs on stderr. They sit
     * below the config file, so a {@code --config} file may still raise the log level.
     */
    public static Map<String, String> embeddedDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("quarkus.http.host-enabled", "false");
        m.put("quarkus.banner.enabled", "false");
        m.put("quarkus.log.console.stderr", "true");
        m.put("quarkus.log.level", "WARN");
        m.put("quarkus.log.category.\"dev.tailguard\".level", "INFO");
        m.put("quarkus.log.category.\"io.quarkus.config\".level", "ERROR");
        return m;
    }
}
