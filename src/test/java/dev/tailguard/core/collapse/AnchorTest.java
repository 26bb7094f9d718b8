package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.store.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorTest {

    @Test
    void splitIsDeterministicByIdAndNearTheShare() {
        AnchorSplit split = AnchorSplit.defaults();
        int n = 20_000;
        int held = 0;
        for (int i = 0; i < n; i++) {
            boolean a = split.isAnchor("doc-" + i);
            assertThat(split.isAnchor("doc-" + i)).isEqualTo(a);
            held += a ? 1 : 0;
        }
        // binomial(20000, 0.1): sd = 42.4; 5 sd either side
        assertThat(held).isBetween(2000 - 212, 2000 + 212);
        assertThat(new AnchorSplit(0.1, "other").isAnchor("doc-1") == split.isAnchor("doc-1")
                && new AnchorSplit(0.1, "other").isAnchor("doc-2") == split.isAnchor("doc-2")
                && new AnchorSplit(0.1, "other").isAnchor("doc-3") == split.isAnchor("doc-3")
                && new AnchorSplit(0.1, "other").isAnchor("doc-4") == split.isAnchor("doc-4")
                && new AnchorSplit(0.1, "other").isAnchor("doc-5") == split.isAnchor("doc-5")
                && new AnchorSplit(0.1, "other").isAnchor("doc-6") == split.isAnchor("doc-6")
                && new AnchorSplit(0.1, "other").isAnchor("doc-7") == split.isAnchor("doc-7")
                && new AnchorSplit(0.1, "other").isAnchor("doc-8") == split.isAnchor("doc-8")
                && new AnchorSplit(0.1, "other").isAnchor("doc-9") == split.isAnchor("doc-9")
                && new AnchorSplit(0.1, "other").isAnchor("doc-10") == split.isAnchor("doc-10")
                && new AnchorSplit(0.1, "other").isAnchor("doc-11") == split.isAnchor("doc-11")
                && new AnchorSplit(0.1, "other").isAnchor("doc-12") == split.isAnchor("doc-12")).isFalse();
    }

    @Test
    void buildIsOrderIndependentAndStoredOnceUnderItsHash(@TempDir Path dir) throws IOException {
        List<Document> docs = CollapseKnownAnswerTest.read("moby-dick-slice.jsonl").subList(0, 60);
        Anchor a = build(docs);
        List<Document> reversed = new ArrayList<>(docs);
        Collections.reverse(reversed);
        Anchor b = build(reversed);
        LocalObjectStore store = new LocalObjectStore(dir);
        AnchorRef ra = AnchorStore.write(store, a);
        AnchorRef rb = AnchorStore.write(store, b);
        assertThat(rb).isEqualTo(ra);
        assertThat(ra.key()).isEqualTo("anchors/v1/" + ra.sha256() + ".json");
        assertThat(store.list("anchors/")).containsExactly(ra.key());
        assertThat(ra.documents()).isEqualTo(a.documents().size()).isPositive();
        assertThat(a.documents()).allSatisfy(d -> assertThat(new AnchorSplit(0.15, AnchorSplit.DEFAULT_SALT)
                .isAnchor(d.id())).isTrue());
        Anchor back = AnchorStore.read(store, ra);
        assertThat(back.documents()).isEqualTo(a.documents());
        assertThat(back.realTokens()).isEqualTo(a.realTokens());
        assertThat(back.anchorCounts()).isEqualTo(a.anchorCounts());
        assertThat(back.baseline().docLog10()).containsExactly(a.baseline().docLog10());
        assertThat(a.tailTypes()).isPositive();
    }

    @Test
    void readingATamperedAnchorFailsNamingTheHash(@TempDir Path dir) throws IOException {
        Anchor a = build(CollapseKnownAnswerTest.read("moby-dick-slice.jsonl").subList(0, 40));
        LocalObjectStore store = new LocalObjectStore(dir);
        AnchorRef ref = AnchorStore.write(store, a);
        Path file = store.resolve(ref.key());
        Files.writeString(file, Files.readString(file).replace("\"version\":1", "\"version\":1 "));
        assertThatThrownBy(() -> AnchorStore.read(store, ref))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match the reference " + ref.sha256());
    }

    @Test
    void syntheticDocumentsCannotEnterAnAnchor() {
        AnchorBuilder builder = new AnchorBuilder(AnchorSplit.defaults(), CollapseConfig.defaults());
        assertThatThrownBy(() -> builder.add(new Document("s-1", "text", "gen", Map.of("generation", 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s-1'").hasMessageContaining("generation 2");
    }

    @Test
    void unanchoredVerdictHasNoReasons() {
        CollapseVerdict v = CollapseVerdict.unanchored("input holds 12 synthetic-origin documents and no anchor");
        assertThat(v.level()).isEqualTo(RiskLevel.UNANCHORED);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.note()).contains("no anchor");
    }

    static Anchor build(List<Document> docs) {
        AnchorBuilder b = new AnchorBuilder(new AnchorSplit(0.15, AnchorSplit.DEFAULT_SALT),
                new CollapseConfig(3, 2, 64, 512, 5, 5, 64, 3, 200, 1L));
        docs.forEach(b::add);
        return b.build(null);
    }
}
