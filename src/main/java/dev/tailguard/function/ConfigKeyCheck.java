package dev.tailguard.function;


import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rejects unknown {@code tailguard.*} keys when the server starts (issue 13 point 5): a typo such as
 * {@code TAILGUARD_SYNTHETIC_RATO} or {@code tailguard.gates.score.pii-rate.mxa} would otherwise be ignored silently
 * and the deployment would run with a default it did not mean. Every configured property name under
 * {@code tailguard.} (any source, profile prefix such as {@code %test.} removed) and every raw {@code TAILGUARD_*}
 * environment variable is checked against {@link KnownConfigKeys#ofApplication()}; one unknown key fails startup with
 * the key, its source and a suggestion when one is close.
 *
 * <p>The check only throws from a {@code StartupEvent} observer, like {@code EventsMode}: the server's start fails
 * and Quarkus ends the process with a non-zero code; inside a test JVM a failed start fails that test class and
 * never exits the JVM. (The surefire fork that exited with code 1 after all tests passed while this check was first
 * tried was the in-process Kafka test broker halting the JVM at exit, see {@code KafkaBroker}; not this check.)
 */
@ApplicationScoped
public class ConfigKeyCheck {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConfigKeyCheck.class);

    /** Prefix of the keys the check covers. */
    static final String PREFIX = "tailguard.";
    /** Prefix of the environment variables the check covers. */
    static final String ENV_PREFIX = "TAILGUARD_";
    /** Source name used for raw environment variables. */
    static final String ENVIRONMENT = "environment variable";

    /**
     * Retired keys (environment form) and what replaces them: refused with the replacement named, never ignored.
     * {@code tailguard.log.json} switched the project's own JSON log formatter on before {@code quarkus-logging-json}
     * resolved here; one switch remains, Quarkus's {@code quarkus.log.console.json}.
     */
    static final Map<String, String> RETIRED = Map.of(
            "TAILGUARD_LOG_JSON", "quarkus.log.console.json=true (env QUARKUS_LOG_CONSOLE_JSON=true)");

    /**
     * Quarkus keys this application's configuration makes inert, with what to use instead: {@code quarkus.log.console.json}
     * (deprecated by Quarkus) is overridden by {@code quarkus.log.console.json.enabled}, which application.properties
     * sets to {@code false}; set there or anywhere else it would be ignored silently.
     */
    static final Map<String, String> INERT_QUARKUS_KEYS = Map.of("quarkus.log.console.json",
            "quarkus.log.console.json.enabled=true (env QUARKUS_LOG_CONSOLE_JSON_ENABLED=true)");

    /** One line per {@link #INERT_QUARKUS_KEYS} key that a configuration source (not a default) sets. */
    static List<String> retiredQuarkusKeys(Config config) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(INERT_QUARKUS_KEYS).forEach((key, use) -> {
            ConfigValue v = config.getConfigValue(key);
            if (v != null && v.getRawValue() != null && v.getSourceOrdinal() > 0) {
                out.add("config key '" + key + "' from " + v.getSourceName() + " has no effect here; use " + use);
            }
        });
        return out;
    }

    /** A configured name and where it came from (a config source name, or {@link #ENVIRONMENT}). */
    public record ConfiguredKey(String name, String source) {
    }

    void onStart(@Observes StartupEvent event) {
        List<String> problems = new ArrayList<>(unknown(live(ConfigProvider.getConfig(), System.getenv()),
                KnownConfigKeys.ofApplication()));
        problems.addAll(retiredQuarkusKeys(ConfigProvider.getConfig()));
        if (!problems.isEmpty()) {
            String message = "Tailguard refuses to start: " + String.join("; ", problems);
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** The {@code tailguard.*} property names of the config and the {@code TAILGUARD_*} variables of the environment. */
    static List<ConfiguredKey> live(Config config, Map<String, String> environment) {
        List<ConfiguredKey> out = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (stripProfile(name).startsWith(PREFIX)) {
                ConfigValue v = config.getConfigValue(name);
                out.add(new ConfiguredKey(name, v == null || v.getSourceName() == null ? "config" : v.getSourceName()));
            }
        }
        new TreeMap<>(environment).keySet().stream().filter(n -> n.startsWith(ENV_PREFIX))
                .forEach(n -> out.add(new ConfiguredKey(n, ENVIRONMENT)));
        return out;
    }

    /**
     * One line per unknown key, naming it, its source and a suggestion when {@link KnownConfigKeys#suggest} has one;
     * empty when every key is known. A {@code TAILGUARD_*} name is judged by its environment form; a dotted name
     * that an environment source produced is accepted when its environment form names a known key (the dotted form
     * of a map key is ambiguous).
     */
    public static List<String> unknown(Iterable<ConfiguredKey> keys, KnownConfigKeys known) {
        List<String> out = new ArrayList<>();
        for (ConfiguredKey k : keys) {
            String name = stripProfile(k.name());
            boolean ok;
            Optional<String> hint;
            if (name.startsWith(ENV_PREFIX)) {
                ok = known.isKnownEnv(name);
                hint = Optional.empty();
            } else if (name.startsWith(PREFIX)) {
                ok = known.isKnown(name) || fromEnvironment(k.source()) && known.isKnownEnv(envForm(name));
                hint = known.suggest(name);
            } else {
                continue;
            }
            String replacement = RETIRED.get(name.startsWith(ENV_PREFIX) ? name : envForm(name));
            if (replacement != null) {
                out.add("config key '" + k.name() + "' from " + k.source() + " is retired; use " + replacement);
            } else if (!ok) {
                out.add("unknown config key '" + k.name() + "' from " + k.source()
                        + hint.map(h -> "; did you mean '" + h + "'?").orElse("")
                        + " (no tailguard.* key reads it; remove or correct it)");
            }
        }
        return out;
    }

    /** The key without a {@code %profile.} prefix. */
    static String stripProfile(String name) {
        return name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
    }

    /** MicroProfile Config's environment form: every character other than a letter or digit becomes {@code _}. */
    static String envForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static boolean fromEnvironment(String source) {
        return source.equals(ENVIRONMENT) || source.toLowerCase(Locale.ROOT).contains("env");
    }
}
