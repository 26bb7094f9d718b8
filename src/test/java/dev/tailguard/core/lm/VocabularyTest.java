package dev.tailguard.core.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Vocabulary}'s open-addressing table: KenLM's fixed ids, dense ids in first-seen order, through growth. */
class VocabularyTest {

    @Test
    void fixedIdsThenFirstSeenOrder() {
        Vocabulary v = new Vocabulary();
        assertThat(v.id("<unk>")).isEqualTo(Vocabulary.UNK);
        assertThat(v.id("<s>")).isEqualTo(Vocabulary.BOS);
        assertThat(v.id("</s>")).isEqualTo(Vocabulary.EOS);
        assertThat(v.id("whale")).isEqualTo(Vocabulary.UNK);
        assertThat(v.contains("whale")).isFalse();
        assertThat(v.add("whale")).isEqualTo(3);
        assertThat(v.add("whale")).isEqualTo(3);
        assertThat(v.contains("whale")).isTrue();
        assertThat(v.word(3)).isEqualTo("whale");
    }

    @Test
    void manyWordsKeepTheirIds() {
        Vocabulary v = new Vocabulary();
        Random r = new Random(3);
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String w = Integer.toString(r.nextInt(80_000), 36) + (i % 3 == 0 ? "Aa" : "BB"); // "Aa"/"BB" share a hash
            int before = v.size();
            int id = v.add(w);
            if (id == before) {
                added.add(w);
            }
            assertThat(v.word(id)).isEqualTo(w);
        }
        assertThat(v.size()).isEqualTo(3 + added.size());
        for (int i = 0; i < added.size(); i++) {
            assertThat(v.id(new String(added.get(i).toCharArray()))).isEqualTo(3 + i);
        }
        assertThat(v.id("not-added")).isEqualTo(Vocabulary.UNK);
    }
}
