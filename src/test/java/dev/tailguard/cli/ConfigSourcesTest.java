package dev.tailguard.cli;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's options as config sources: flags beat the config file, which beats system properties. */
class ConfigSourcesTest {

    @Test
    void flagsOverrideTheFileWhichOverridesSystemPropertiesAndNothingIsSetAsASystemProperty() {
        RunOptions o = new RunOptions(List.of("/data/a.jsonl", "store:b"), "r9",
                Map.of("tailguard.seed", "7", "tailguard.blend.strategy", "replace", "quarkus.log.level", "DEBUG"),
                Map.of("tailguard.seed", "8"));
        System.setProperty("tailguard.blend.strategy", "accumulate");
        try {
            SmallRyeConfig c = new SmallRyeConfigBuilder().addDefaultSources()
                    .withSources(CliConfigSourceProvider.sources(o)).build();
            assertThat(c.getValue("tailguard.seed", String.class)).isEqualTo("8");
            assertThat(c.getValue("tailguard.blend.strategy", String.class)).isEqualTo("replace");
            assertThat(c.getValue("quarkus.log.level", String.class)).as("file beats embedded default").isEqualTo("DEBUG");
            assertThat(c.getValue("quarkus.http.host-enabled", String.class)).isEqualTo("false");
            assertThat(c.getValue(RunOptions.INPUTS_KEY, String.class)).isEqualTo("/data/a.jsonl,store:b");
            assertThat(c.getValue(RunOptions.RUN_ID_KEY, String.class)).isEqualTo("r9");
        } finally {
            System.clearProperty("tailguard.blend.strategy");
        }
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(k -> k.startsWith("tailguard"));
    }

    @Test
    void theProviderContributesOnlyWhileARunIsInstalled() {
        CliConfigSourceProvider p = new CliConfigSourceProvider();
        assertThat(p.getConfigSources(getClass().getClassLoader())).isEmpty();
        CliConfigSourceProvider.install(new RunOptions(List.of("a"), null, Map.of(), Map.of()));
        try {
            assertThat(p.getConfigSources(getClass().getClassLoader())).extracting(s -> s.getOrdinal())
                    .containsExactly(500, 450, 260);
        } finally {
            CliConfigSourceProvider.clear();
        }
        assertThat(p.getConfigSources(getClass().getClassLoader())).isEmpty();
    }
}
