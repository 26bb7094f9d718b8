package dev.tailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GateCatalogTest {

    @Test
    void gateNamesFindTheirMetricsRow() {
        assertThat(GateCatalog.of("pii_rate.max").source()).isEqualTo("ours; Clopper-Pearson 95% interval");
        assertThat(GateCatalog.of("distinct_2.min").measures()).isEqualTo("share of distinct word bigrams in the synthetic batch");
        assertThat(GateCatalog.of("drift_tv_party.max")).isEqualTo(GateCatalog.of("drift_tv.max"));
        assertThat(GateCatalog.of("drift_tv.max").measures())
                .isEqualTo("total-variation distance of metadata value shares, real vs synthetic (permutation test, 999 permutations)");
        assertThat(GateCatalog.of("collapse_risk_level.max").source())
                .isEqualTo("README \"How Tailguard measures collapse\"; decided on 95% intervals");
    }

    @Test
    void unknownGatesGetTheGenericRow() {
        assertThat(GateCatalog.of("my_metric.max").source()).isEqualTo("configured");
        assertThat(GateCatalog.of(null).source()).isEqualTo("configured");
    }
}
