package dev.tailguard.core.pipeline;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.text.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The score stage tokenises each document once, by sentences: the sentences' tokens concatenated must be exactly
 * {@code Tokenizer.words} of the whole text (what every metric was defined on), or the per-document numbers would move.
 */
class ScoreStageTokensTest {

    /** Characters that exercise every branch of the two tokenisers: boundaries, closers, apostrophes, dashes, marks. */
    private static final String ALPHABET = "aB9 .!?\"')]\u201d\u2019'\n\n\t \u00a0-\u2014\u00e9\u0301Mr.e.g.U.S.x\uD83D\uDE00,;";

    @Test
    void sentenceTokensConcatenatedAreTheDocumentsTokens() {
        Random r = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(60);
            for (int j = 0; j < len; j++) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            if (!isWellFormed(text)) {
                continue;
            }
            assertThat(ScoreStage.words(ScoreStage.sentenceWords(text))).as("text %s", text).isEqualTo(Tokenizer.words(text));
        }
    }

    @Test
    void realProseTokensMatchToo() throws Exception {
        Path corpus = Path.of("../shared/data/moby-dick.jsonl");
        List<String> texts;
        if (Files.isRegularFile(corpus)) {
            try (BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
                texts = in.lines().limit(40).map(l -> dev.tailguard.core.io.Json.MAPPER.convertValue(
                        readTree(l).get("text"), String.class)).toList();
            }
        } else {
            texts = List.of("Mr. Smith said: \"Stop.\" Then he left!  It's 9 a.m.\n\nNew paragraph\u2014here? Yes.");
        }
        for (String t : texts) {
            assertThat(ScoreStage.words(ScoreStage.sentenceWords(t))).isEqualTo(Tokenizer.words(t));
        }
    }

    @Test
    void measureCountsTheSameTokensAsTheTokenizer() {
        String text = "The ship sailed. The whale dove! Did it return? \"No.\" It's gone\u2014for now.";
        var trainer = new dev.tailguard.core.lm.KneserNeyTrainer(3);
        trainer.add(Tokenizer.words("the ship sailed ."));
        var model = trainer.build();
        var scored = ScoreStage.measure(new Document("d", text, "t", java.util.Map.of()), "real", model);
        assertThat(scored.scores().get("tokens")).isEqualTo(Tokenizer.words(text).size());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String line) {
        try {
            return dev.tailguard.core.io.Json.MAPPER.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A random string may split a surrogate pair; such text never comes out of a JSON reader. */
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
