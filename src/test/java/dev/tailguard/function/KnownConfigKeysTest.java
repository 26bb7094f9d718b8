package dev.tailguard.function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The known {@code tailguard.*} keys: mappings, defaults, adapter families; suggestions for typos. */
class KnownConfigKeysTest {

    private final KnownConfigKeys keys = KnownConfigKeys.ofApplication();

    @Test
    void keysOfTheMappingsDefaultsAndFamiliesAreKnown() {
        assertThat(keys.isKnown("tailguard.seed")).isTrue();
        assertThat(keys.isKnown("tailguard.generate.top-k")).as("mapping only, no default").isTrue();
        assertThat(keys.isKnown("tailguard.gates.blend.tail-coverage.min")).isTrue();
        assertThat(keys.isKnown("tailguard.gates.report.my-metric.on-fail")).as("map keys").isTrue();
        assertThat(keys.isKnown("tailguard.store.s3.bucket")).isTrue();
        assertThat(keys.isKnown("tailguard.review.sample-size")).isTrue();
        assertThat(keys.isKnown("tailguard.workers")).isTrue();
        assertThat(keys.isKnown("tailguard.output.format")).isTrue();
    }

    @Test
    void typosAreUnknownAndGetTheClosestKey() {
        assertThat(keys.isKnown("tailguard.synthetic-ration")).isFalse();
        assertThat(keys.suggest("tailguard.synthetic-ration")).contains("tailguard.synthetic-ratio");
        assertThat(keys.isKnown("tailguard.gates.blend.tail-coverage.minimum")).isFalse();
        assertThat(keys.suggest("tailguard.generate.temprature")).contains("tailguard.generate.temperature");
        assertThat(keys.suggest("tailguard.completely.different.thing")).isEmpty();
        assertThat(KnownConfigKeys.distance("kitten", "sitting")).isEqualTo(3);
    }
}
