package dev.tailguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The card's language guess answers only when one language is clear. */
class LanguageGuessTest {

    @Test
    void clearTextsAreNamed() {
        assertThat(LanguageGuess.of(List.of("The state of the union is strong, and it is the duty of this "
                + "Congress to act on the report that was sent to us by the people."))).contains("en");
        assertThat(LanguageGuess.of(List.of("Die Regierung hat sich mit dem Bericht der Kommission befasst, und "
                + "es ist nicht das erste Mal, dass wir auf die Lage im Land eingehen."))).contains("de");
        assertThat(LanguageGuess.of(List.of("Le gouvernement a présenté le rapport de la commission et les "
                + "députés ne sont pas d'accord sur la question qui est posée dans le texte."))).contains("fr");
    }

    @Test
    void unclearOrUnknownTextsAreNotGuessed() {
        assertThat(LanguageGuess.of(List.of())).isEmpty();
        assertThat(LanguageGuess.of(List.of("12345 67890 ---"))).isEmpty();
        assertThat(LanguageGuess.of(List.of("Хорошо известно что собака друг человека"))).isEmpty();
        assertThat(LanguageGuess.of(List.of("xylophone quantum zebra nebula"))).isEmpty();
    }
}
