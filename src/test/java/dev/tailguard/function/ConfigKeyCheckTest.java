package dev.tailguard.function;


import dev.tailguard.function.ConfigKeyCheck.ConfiguredKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's startup check of {@code tailguard.*} keys, on hand-built config (no Quarkus). */
class ConfigKeyCheckTest {

    private static final KnownConfigKeys KNOWN = KnownConfigKeys.ofApplication();

    @Test
    void knownKeysFromEverySourcePass() {
        List<String> problems = ConfigKeyCheck.unknown(List.of(
                new ConfiguredKey("tailguard.gates.score.pii-rate.max", "application.properties"),
                new ConfiguredKey("%test.tailguard.store.root", "application.properties"),
                new ConfiguredKey("tailguard.generate.llm.base-url", "SysPropConfigSource"),
                new ConfiguredKey("tailguard.store", "EnvConfigSource"),
                new ConfiguredKey("TAILGUARD_GENERATE_LLM_MODEL", ConfigKeyCheck.ENVIRONMENT),
                new ConfiguredKey("TAILGUARD_STORE_S3_BUCKET", ConfigKeyCheck.ENVIRONMENT),
                new ConfiguredKey("TAILGUARD_GATES_SCORE_PII_RATE_MAX", ConfigKeyCheck.ENVIRONMENT),
                new ConfiguredKey("quarkus.http.port", "application.properties"),
                new ConfiguredKey("tailguard-events.http", "application.properties")), KNOWN);
        assertThat(problems).isEmpty();
    }

    @Test
    void unknownKeysAreNamedWithTheirSourceAndASuggestion() {
        List<String> problems = ConfigKeyCheck.unknown(List.of(
                new ConfiguredKey("tailguard.gates.score.pii-rate.mxa", "application.properties"),
                new ConfiguredKey("TAILGUARD_SYNTHETIC_RATO", ConfigKeyCheck.ENVIRONMENT),
                new ConfiguredKey("TAILGUARD_LLM_MODEL", ConfigKeyCheck.ENVIRONMENT),
                new ConfiguredKey("%prod.tailguard.sead", "application.properties")), KNOWN);
        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).contains("'tailguard.gates.score.pii-rate.mxa'", "from application.properties",
                "did you mean 'tailguard.gates.score.pii-rate.max'?");
        assertThat(problems.get(1)).contains("'TAILGUARD_SYNTHETIC_RATO'", "from environment variable");
        assertThat(problems.get(2)).contains("'TAILGUARD_LLM_MODEL'");
        assertThat(problems.get(3)).contains("'%prod.tailguard.sead'", "did you mean 'tailguard.seed'?");
    }

    @Test
    void theRetiredLogSwitchIsRefusedNamingItsReplacement() {
        List<String> problems = ConfigKeyCheck.unknown(List.of(
                new ConfiguredKey("tailguard.log.json", "application.properties"),
                new ConfiguredKey("TAILGUARD_LOG_JSON", ConfigKeyCheck.ENVIRONMENT)), KNOWN);
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("is retired", "quarkus.log.console.json"));
        assertThat(problems.get(1)).contains("'TAILGUARD_LOG_JSON'", "from environment variable");
    }

    @Test
    void theDeprecatedJsonLogKeyIsRefusedWhenASourceSetsItNotWhenOnlyADefaultDoes() {
        SmallRyeConfig set = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("quarkus.log.console.json", "true"), "SysPropConfigSource", 400)).build();
        assertThat(ConfigKeyCheck.retiredQuarkusKeys(set)).singleElement().asString()
                .contains("'quarkus.log.console.json' from ", "SysPropConfigSource", "quarkus.log.console.json.enabled=true");
        SmallRyeConfig defaulted = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(
                Map.of("quarkus.log.console.json", "true"), "DefaultValuesConfigSource", Integer.MIN_VALUE)).build();
        assertThat(ConfigKeyCheck.retiredQuarkusKeys(defaulted)).isEmpty();
    }

    @Test
    void liveConfigNamesKeysAndSourcesAndSkipsOtherPrefixes() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "tailguard.seed", "7",
                        "tailguard.synthetic-rato", "0.3",
                        "quarkus.log.level", "INFO"), "typo-source", 500))
                .build();
        List<ConfiguredKey> keys = ConfigKeyCheck.live(config,
                Map.of("TAILGUARD_SYNTHETIC_RATO", "0.3", "PATH", "/bin", "TAILGUARD_SEED", "1"));
        assertThat(keys).extracting(ConfiguredKey::name)
                .contains("tailguard.seed", "tailguard.synthetic-rato", "TAILGUARD_SEED", "TAILGUARD_SYNTHETIC_RATO")
                .doesNotContain("quarkus.log.level", "PATH");
        List<String> problems = ConfigKeyCheck.unknown(keys, KNOWN);
        assertThat(problems).hasSize(2);
        assertThat(String.join("\n", problems)).contains("'tailguard.synthetic-rato' from PropertiesConfigSource[source=typo-source]", "did you mean 'tailguard.synthetic-ratio'?",
                "'TAILGUARD_SYNTHETIC_RATO' from environment variable");
    }
}
