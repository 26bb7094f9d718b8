package dev.tailguard.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.text.Tokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The English-only Gopher stop-word rule applies to English (and undetermined) documents only; the language-agnostic
 * Gopher rules apply to every language.
 */
class LanguageConditionalRulesTest {

    static final String FR = "Le matin, la brume couvre encore la vallée et les toits du village. Les premiers "
            + "boulangers allument leurs fours pendant que le reste de la ville dort. Une odeur de pain chaud monte "
            + "dans les rues étroites et réveille les chats qui dorment sur les marches de pierre. Plus tard, les "
            + "enfants passent devant la boutique pour aller à l'école et regardent les croissants dans la vitrine.";
    static final String DE = "Am Morgen liegt der Nebel noch über dem Tal und die Dächer des Dorfes sind kaum zu "
            + "sehen. Die ersten Bäcker heizen ihre Öfen an, während der Rest der Stadt noch schläft. Ein Geruch von "
            + "warmem Brot zieht durch die engen Gassen und weckt die Katzen, die auf den Stufen aus Stein liegen. "
            + "Später gehen die Kinder an dem Laden vorbei zur Schule und sehen sich die Brezeln im Fenster an.";
    static final String EN = "In the morning the mist still covers the valley and the roofs of the village. The "
            + "first bakers light their ovens while the rest of the town is asleep. A smell of warm bread rises in "
            + "the narrow streets and wakes the cats that sleep on the stone steps. Later the children walk past "
            + "the shop on their way to school and look at the loaves in the window.";
    /** English words without any Gopher stop word: a keyword list, which the rule exists to catch. */
    static final String EN_KEYWORDS = String.join(" ", java.util.Collections.nCopies(8,
            "cheap flights hotels deals best price discount booking online travel"));

    static Map<String, RuleResult> rules(String text) {
        return GopherQualityRulesTest.byName(new GopherQualityRules().apply(text));
    }

    @Test
    void stopWordRuleIsNotAppliedToFrenchOrGermanAndSaysWhy() {
        RuleResult fr = rules(FR).get(GopherQualityRules.STOP_WORDS_RULE);
        assertThat(fr.applied()).isFalse();
        assertThat(fr.notApplicable()).isEqualTo("language fr");
        assertThat(fr.kept()).isTrue();
        assertThat(fr.value()).as("the count is still recorded").isZero();
        RuleResult de = rules(DE).get(GopherQualityRules.STOP_WORDS_RULE);
        assertThat(de.applied()).isFalse();
        assertThat(de.notApplicable()).isEqualTo("language de");
        assertThat(DocumentPolicy.DEFAULT.decide(null, new GopherQualityRules().apply(FR))).isEmpty();
        assertThat(DocumentPolicy.DEFAULT.decide(null, new GopherQualityRules().apply(DE))).isEmpty();
    }

    @Test
    void stopWordRuleStillAppliesToEnglishAndToUndeterminedText() {
        RuleResult en = rules(EN).get(GopherQualityRules.STOP_WORDS_RULE);
        assertThat(en.applied()).isTrue();
        assertThat(en.kept()).isTrue();
        RuleResult kw = rules(EN_KEYWORDS).get(GopherQualityRules.STOP_WORDS_RULE);
        assertThat(DocumentLanguage.of(Tokenizer.words(EN_KEYWORDS))).as("no function words: undetermined").isEmpty();
        assertThat(kw.applied()).as("nothing is loosened for text that is not clearly another language").isTrue();
        assertThat(kw.kept()).isFalse();
        assertThat(DocumentPolicy.DEFAULT.decide(null, new GopherQualityRules().apply(EN_KEYWORDS)))
                .get().extracting(DropReason::code).isEqualTo(GopherQualityRules.STOP_WORDS_RULE);
    }

    @Test
    void nonLatinScriptIsNotEnglish() {
        String ru = "Утром туман ещё лежит над долиной и крышами деревни, а первые пекари разжигают печи.";
        assertThat(DocumentLanguage.nonEnglish(Tokenizer.words(ru))).contains("script cyrillic");
    }

    @Test
    void languageAgnosticRulesStillApplyToFrench() {
        // Half a paragraph is too short; twenty bullet lines repeating it fail the bullet and repetition rules.
        String half = FR.substring(0, FR.indexOf("Une odeur"));
        Map<String, RuleResult> shortDoc = rules(half);
        assertThat(shortDoc.get("gopher_short_doc").kept()).isFalse();
        assertThat(DocumentPolicy.DEFAULT.decide(null, new GopherQualityRules().apply(half)))
                .get().extracting(DropReason::code).isEqualTo("gopher_short_doc");
        String bullets = String.join("\n", java.util.Collections.nCopies(20, "• " + half));
        assertThat(rules(bullets).get("gopher_too_many_bullets").kept()).isFalse();
        assertThat(rules(bullets).get(GopherQualityRules.STOP_WORDS_RULE).applied()).isFalse();
        List<RuleResult> repeated = new GopherRepetitionRules().apply(bullets);
        assertThat(repeated).anyMatch(r -> !r.kept());
    }
}
