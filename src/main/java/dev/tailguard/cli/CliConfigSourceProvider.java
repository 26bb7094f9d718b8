package dev.tailguard.cli;

import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import java.util.List;
import java.util.Map;

/**
 * Hands the parsed command line to Quarkus as in-memory config sources (registered through
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSourceProvider}); no argument travels through
 * system properties or the environment. {@link #install(RunOptions)} is called by the {@code run} command before
 * {@code Quarkus.run}; without it (the HTTP server, tests) the provider contributes nothing.
 *
 * <p>Precedence, highest first: flags ({@value #FLAGS_ORDINAL}), the {@code --config} file ({@value #FILE_ORDINAL}),
 * system properties (400), environment (300), the embedded-run defaults ({@value #EMBEDDED_ORDINAL}),
 * {@code application.properties} (250).
 */
public class CliConfigSourceProvider implements ConfigSourceProvider {

    /** Ordinal of the flags' source. */
    public static final int FLAGS_ORDINAL = 500;
    /** Ordinal of the {@code --config} file's source. */
    public static final int FILE_ORDINAL = 450;
    /** Ordinal of the embedded-run defaults (no HTTP, quiet logs on stderr). */
    public static final int EMBEDDED_ORDINAL = 260;

    private static volatile List<ConfigSource> current = List.of();

    /** Makes the run's options the config of the Quarkus application started next in this JVM. */
    public static void install(RunOptions options) {
        current = sources(options);
    }

    /** Removes what {@link #install} put in place. */
    public static void clear() {
        current = List.of();
    }

    /** The three sources of a run, highest ordinal first. */
    static List<ConfigSource> sources(RunOptions options) {
        return List.of(
                new Source("tailguard-cli-flags", options.flagConfig(), FLAGS_ORDINAL),
                new Source("tailguard-cli-config-file", options.configFile(), FILE_ORDINAL),
                new Source("tailguard-cli-embedded", RunOptions.embeddedDefaults(), EMBEDDED_ORDINAL));
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
        return current;
    }

    /** An immutable map-backed source. */
    static final class Source extends MapBackedConfigSource {
        private static final long serialVersionUID = 1L;

        Source(String name, Map<String, String> props, int ordinal) {
            super(name, props, ordinal);
        }
    }
}
