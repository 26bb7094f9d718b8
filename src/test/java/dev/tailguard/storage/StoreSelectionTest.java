package dev.tailguard.storage;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSelectionTest {

    @Test
    void selectorWinsOverTheAliasWhichWinsOverTheDefault() {
        assertThat(StoreSelection.kind(Optional.of("s3"), Optional.of("local"))).isEqualTo("s3");
        assertThat(StoreSelection.kind(Optional.of(" S3 "), Optional.empty())).isEqualTo("s3");
        assertThat(StoreSelection.kind(Optional.empty(), Optional.of("s3"))).isEqualTo("s3");
        assertThat(StoreSelection.kind(Optional.of(""), Optional.of("local"))).isEqualTo("local");
        assertThat(StoreSelection.kind(Optional.empty(), Optional.empty())).isEqualTo("local");
    }

    @Test
    void unknownKindNamesTheKey() {
        assertThatThrownBy(() -> StoreSelection.kind(Optional.of("gcs"), Optional.empty()))
                .hasMessage("tailguard.store must be local or s3, was 'gcs'");
        assertThatThrownBy(() -> StoreSelection.kind(Optional.empty(), Optional.of("minio")))
                .hasMessage("tailguard.store.type must be local or s3, was 'minio'");
    }
}
