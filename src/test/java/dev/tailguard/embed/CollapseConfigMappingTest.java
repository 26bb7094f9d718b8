package dev.tailguard.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailguard.function.KnownConfigKeys;
import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseSettings;
import dev.tailguard.core.collapse.CollapseThresholds;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code tailguard.collapse.*} mapped onto the pure-Java {@link CollapseSettings}, and known to the config check. */
class CollapseConfigMappingTest {

    private static CollapseSettings settings(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CollapseConfigMapping.class)
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build();
        return config.getConfigMapping(CollapseConfigMapping.class).toSettings();
    }

    @Test
    void defaultsEqualTheCoreDefaults() {
        CollapseSettings s = settings(Map.of());
        assertThat(s).isEqualTo(CollapseSettings.defaults());
        assertThat(s.config()).isEqualTo(CollapseConfig.defaults());
        assertThat(s.thresholds()).isEqualTo(CollapseThresholds.defaults());
        assertThat(s.split()).isEqualTo(AnchorSplit.defaults());
        assertThat(s.embeddingEnabled()).isTrue();
    }

    @Test
    void everyKeyReachesTheSettings() {
        CollapseSettings s = settings(Map.ofEntries(
                Map.entry("tailguard.collapse.anchor-share", "0.2"),
                Map.entry("tailguard.collapse.anchor-salt", "other"),
                Map.entry("tailguard.collapse.order", "4"),
                Map.entry("tailguard.collapse.tail-max-count", "1"),
                Map.entry("tailguard.collapse.window-tokens", "32"),
                Map.entry("tailguard.collapse.bootstrap", "200"),
                Map.entry("tailguard.collapse.seed", "9"),
                Map.entry("tailguard.collapse.c2st.max-windows", "100"),
                Map.entry("tailguard.collapse.c2st.folds", "4"),
                Map.entry("tailguard.collapse.c2st.permutations", "0"),
                Map.entry("tailguard.collapse.embedding.enabled", "false"),
                Map.entry("tailguard.collapse.embedding.max-chunks", "64"),
                Map.entry("tailguard.collapse.embedding.k", "5"),
                Map.entry("tailguard.collapse.threshold.perplexity.medium", "0.2"),
                Map.entry("tailguard.collapse.threshold.perplexity.high", "0.4"),
                Map.entry("tailguard.collapse.threshold.recall.medium", "0.06"),
                Map.entry("tailguard.collapse.threshold.recall.high", "0.2"),
                Map.entry("tailguard.collapse.threshold.auc.medium", "0.75"),
                Map.entry("tailguard.collapse.threshold.auc.high", "0.9"),
                Map.entry("tailguard.collapse.threshold.auc.margin", "0.05"),
                Map.entry("tailguard.collapse.threshold.embedding.medium", "0.25"),
                Map.entry("tailguard.collapse.threshold.embedding.high", "0.5")));
        assertThat(s.split()).isEqualTo(new AnchorSplit(0.2, "other"));
        assertThat(s.config()).isEqualTo(new CollapseConfig(4, 1, 32, 100, 4, 0, 64, 5, 200, 9L));
        assertThat(s.thresholds()).isEqualTo(new CollapseThresholds(0.2, 0.4, 0.06, 0.2, 0.75, 0.9, 0.05, 0.25, 0.5));
        assertThat(s.embeddingEnabled()).isFalse();
    }

    @Test
    void anInvalidValueNamesItsKey() {
        assertThatThrownBy(() -> settings(Map.of("tailguard.collapse.embedding.max-chunks", "2")))
                .hasMessageContaining("tailguard.collapse.embedding.max-chunks");
        assertThatThrownBy(() -> settings(Map.of("tailguard.collapse.anchor-share", "1.5")))
                .hasMessageContaining("tailguard.collapse.anchor-share");
        assertThatThrownBy(() -> settings(Map.of("tailguard.collapse.threshold.recall.medium", "0.5")))
                .hasMessageContaining("tailguard.collapse.threshold.recall");
    }

    @Test
    void theKeysAreKnownAndAMistypedOneIsNot() {
        KnownConfigKeys known = KnownConfigKeys.ofApplication();
        for (String k : new String[]{"tailguard.collapse.anchor", "tailguard.collapse.anchor-share",
                "tailguard.collapse.embedding.enabled", "tailguard.collapse.embedding.max-chunks",
                "tailguard.collapse.threshold.auc.margin", "tailguard.collapse.threshold.embedding.high",
                "tailguard.collapse.c2st.folds", "tailguard.collapse.bootstrap", "tailguard.collapse.seed"}) {
            assertThat(known.isKnown(k)).as(k).isTrue();
        }
        assertThat(known.isKnown("tailguard.collapse.embeding.enabled")).isFalse();
        assertThat(known.suggest("tailguard.collapse.embeding.enabled")).contains("tailguard.collapse.embedding.enabled");
        assertThat(known.isKnown("tailguard.collapse.threshold.auc.low")).isFalse();
    }
}
