package dev.tailguard.core.generate.rules;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.doc.Provenance;
import dev.tailguard.core.generate.GenerationSink;
import dev.tailguard.core.generate.SyntheticRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RulesGeneratorTest {

    private static RulesGenerator only(double synonym, double clause, double sentence, double qa) {
        return new RulesGenerator(new RulesConfig(7L, synonym, clause, sentence, qa), "run-2", "run-1");
    }

    @Test
    void synonymReplacesContentWordsKeepingCase() {
        RulesGenerator g = only(1, 0, 0, 0);
        // "big" -> its WordNet first sense {large, big}; "house"/"quiet" have no tagged synonym in their first sense
        assertThat(g.rewrite("d", "The big house is quiet.").text()).isEqualTo("The large house is quiet.");
        // sentence-initial title case is kept on the synonym
        assertThat(g.rewrite("d", "Big houses are expensive.").text()).isEqualTo("Large houses are expensive.");
        assertThat(g.rewrite("d", "The big house is quiet.").applied()).containsExactly("synonym");
    }

    @Test
    void synonymSkipsProperNounsStopWordsAndInflectedOrGluedWords() {
        RulesGenerator g = only(1, 0, 0, 0);
        // mid-sentence capitals (names), an acronym, a hyphenated compound and an inflected form stay as they are
        String text = "Yesterday the President of the USA visited Big Ben and helped a well-known house.";
        String out = g.rewrite("d", text).text();
        assertThat(out).contains("President", "USA", "Big Ben", "well-known", "helped", " the ", " of ");
        // a title-case word followed by another is a name even at the start of a sentence
        assertThat(g.rewrite("d", "Big Ben is big.").text()).isEqualTo("Big Ben is large.");
    }

    @Test
    void previousWordVetoesTheWrongPartOfSpeech() {
        RulesGenerator g = only(1, 0, 0, 0);
        // "help" is mostly a verb in WordNet's tagged corpus: after "will" it may change, after "The" it may not
        assertThat(g.rewrite("d", "They will help.").text()).isIn("They will aid.", "They will assist.");
        assertThat(g.rewrite("d", "The help arrived.").applied()).isEmpty();
        assertThat(SynonymRule.fitsContext("noun", "the")).isTrue();
        assertThat(SynonymRule.fitsContext("verb", "the")).isFalse();
        assertThat(SynonymRule.fitsContext("noun", "to")).isFalse();
        assertThat(SynonymRule.fitsContext("adjective", "")).isTrue();
    }

    @Test
    void clauseReorderMovesSubordinateClauses() {
        RulesGenerator g = only(0, 1, 0, 0);
        assertThat(g.rewrite("d", "After the war, the nation grew quickly.").text())
                .isEqualTo("The nation grew quickly after the war.");
        assertThat(g.rewrite("d", "The nation grew because trade expanded.").text())
                .isEqualTo("Because trade expanded, the nation grew.");
        assertThat(g.rewrite("d", "Congress acted because the law required it.").text())
                .isEqualTo("Because the law required it, Congress acted.");
        RulesGenerator.Rewrite r = g.rewrite("d", "When Lincoln spoke, the crowd was silent.");
        assertThat(r.text()).isEqualTo("The crowd was silent when Lincoln spoke.");
        assertThat(r.applied()).containsExactly("clause_reorder");
        assertThat(g.rewrite("d", "We act not because we must.").applied()).isEmpty();
    }

    @Test
    void sentenceReorderSwapsOnlyIndependentSentences() {
        RulesGenerator g = only(0, 0, 1, 0);
        assertThat(g.rewrite("d", "The army marched north. The navy sailed south.").text())
                .isEqualTo("The navy sailed south. The army marched north.");
        // "It" refers back: nothing may move
        assertThat(g.rewrite("d", "The army marched north. It reached the river.").applied()).isEmpty();
    }

    @Test
    void qaTemplateInvertsAuxiliaryAndKeepsTheStatementAsAnswer() {
        RulesGenerator g = only(0, 0, 0, 1);
        RulesGenerator.Rewrite r = g.rewrite("d", "The government is strong. Mr. Lincoln was president. I agree.");
        assertThat(r.style()).isEqualTo("qa");
        assertThat(r.applied()).containsExactly("qa_template");
        assertThat(r.text()).isEqualTo("Question: Is the government strong?\nAnswer: Yes. The government is strong."
                + "\n\nQuestion: Was Mr. Lincoln president?\nAnswer: Yes. Mr. Lincoln was president. I agree.");
        assertThat(g.rewrite("d", "We can build it together.").text())
                .isEqualTo("Question: Can we build it together?\nAnswer: Yes. We can build it together.");
        // fronted adverbials and relative clauses do not invert
        assertThat(g.rewrite("d", "Today we must act now.").applied()).isEmpty();
        assertThat(g.rewrite("d", "In 1990 prices were high.").applied()).isEmpty();
        assertThat(g.rewrite("d", "The man who came is here now.").applied()).isEmpty();
    }

    @Test
    void qaFallsBackToParaphraseWhenNoSentenceInverts() {
        RulesGenerator g = only(0, 1, 0, 1);
        RulesGenerator.Rewrite r = g.rewrite("d", "If it rains, we stay home.");
        assertThat(r.style()).isEqualTo("paraphrase");
        assertThat(r.text()).isEqualTo("We stay home if it rains.");
    }

    @Test
    void deterministicAndIndependentOfBatchOrder() {
        RulesGenerator g = new RulesGenerator(RulesConfig.defaults(), null, null);
        Document a = new Document("a", "The big house is quiet. After the war, the nation grew quickly. "
                + "We must help the people of this country.", "t", Map.of());
        Document b = new Document("b", "The government is strong. The army marched north. The navy sailed south.",
                "t", Map.of());
        Collect ab = new Collect();
        g.generate(List.of(a, b), ab);
        Collect ba = new Collect();
        new RulesGenerator(RulesConfig.defaults(), null, null).generate(List.of(b, a), ba);
        assertThat(ab.accepted).hasSize(2);
        assertThat(ba.accepted).containsExactlyInAnyOrderElementsOf(ab.accepted);
    }

    @Test
    void everyOutputCarriesProvenanceAndBadSeedsAreRejected() {
        RulesGenerator g = new RulesGenerator(new RulesConfig(3L, 1, 1, 1, 0), "run-2", "run-1");
        Document seed = new Document("s1", "The big house is quiet. The navy sailed south.", "sotu",
                Map.of("year", 1901, Provenance.GENERATION, 2, Provenance.GENERATOR, "ngram"));
        Collect c = new Collect();
        g.generate(List.of(seed, new Document("blank", "  ", "sotu", Map.of()),
                new Document("inert", "Yes.", "sotu", Map.of())), c);
        assertThat(c.rejected).containsExactly("blank:empty_seed", "inert:no_rule_applied");
        assertThat(c.accepted).hasSize(1);
        Document d = c.accepted.get(0);
        assertThat(d.id()).isEqualTo("s1-rules-paraphrase-0");
        assertThat(d.source()).isEqualTo("rules");
        assertThat(d.metadata()).containsEntry("year", 1901)
                .containsEntry(Provenance.GENERATOR, "rules")
                .containsEntry(Provenance.MODEL, "wordnet-3.1")
                .containsEntry(Provenance.STYLE, "paraphrase")
                .containsEntry(Provenance.KIND, "synthetic")
                .containsEntry(Provenance.SEED_IDS, List.of("s1"))
                .containsEntry(Provenance.GENERATION, 3)
                .containsEntry(Provenance.RUN_ID, "run-2")
                .containsEntry(Provenance.PARENT_RUN, "run-1")
                .containsEntry(Provenance.CONTENT_SHA256, SyntheticRecord.sha256Hex(d.text()))
                .containsEntry(Provenance.RULES_APPLIED, List.of("synonym", "sentence_reorder"))
                .containsKey(Provenance.PARAMETERS);
        assertThat(d.text()).isEqualTo("The navy sailed south. The large house is quiet.");
    }

    static final class Collect implements GenerationSink {
        final List<Document> accepted = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public void accept(Document synthetic) {
            accepted.add(synthetic);
        }

        @Override
        public void reject(String seedId, String reason, String detail) {
            rejected.add(seedId + ":" + reason);
        }
    }
}
