package dev.tailguard.core.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {

    static LanguageIdentifier id;

    @BeforeAll
    static void build() {
        id = new LanguageIdentifier();
    }

    @Test
    void identifiesLanguagesOfSentences() {
        LanguageIdentifier.Result en = id.identify("Call me Ishmael. Some years ago, never mind how long precisely, "
                + "having little or no money in my purse, I thought I would sail about a little.");
        assertThat(en.language()).isEqualTo("en");
        // margin over the runner-up (Dutch at ~0.69 of English's value)
        assertThat(en.confidence()).isGreaterThan(0.2).isLessThanOrEqualTo(1.0);
        assertThat(id.identify("Der schnelle braune Fuchs springt über den faulen Hund, und die Katze schläft im "
                + "warmen Zimmer.").language()).isEqualTo("de");
        assertThat(id.identify("Le petit chat dort sur le canapé pendant que les enfants jouent dans le jardin.")
                .language()).isEqualTo("fr");
    }

    @Test
    void shortAmbiguousTextHasLowConfidence() {
        // "the cat" scores almost equally for English and Dutch
        assertThat(id.identify("the cat").confidence()).isLessThan(0.05);
    }

    @Test
    void unknownForTextWithoutLetters() {
        LanguageIdentifier.Result r = id.identify("12345 !!! ...");
        assertThat(r.language()).isEqualTo("unknown");
        assertThat(r.confidence()).isZero();
    }
}
