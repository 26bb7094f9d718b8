package dev.tailguard.core.calibrate;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An order-1 sampler: every word is drawn independently from the input's unigram distribution, sentence lengths
 * from the input's sentence lengths. Its output has the real vocabulary and word frequencies but no word order: the
 * word salad a collapse detector must flag.
 */
final class WordSalad {

    /** Tokens per salad document. */
    static final int DOC_TOKENS = 300;

    private final List<String> words = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();

    WordSalad(Iterable<Document> input) {
        for (Document d : input) {
            for (String s : Tokenizer.sentences(d.text())) {
                List<String> w = Tokenizer.words(s);
                if (!w.isEmpty()) {
                    words.addAll(w);
                    lengths.add(w.size());
                }
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("word salad: the input has no words");
        }
    }

    /** Tokens of the input. */
    long tokens() {
        return words.size();
    }

    /** About {@code tokens} salad tokens in documents of {@value #DOC_TOKENS}, ids {@code prefix-N}. */
    List<Document> sample(long tokens, String prefix, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Document> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int inDoc = 0;
        for (long n = 0; n < tokens; ) {
            int len = lengths.get(rnd.nextInt(lengths.size()));
            for (int i = 0; i < len; i++) {
                text.append(i == 0 && text.length() > 0 ? " " : i == 0 ? "" : " ")
                        .append(words.get(rnd.nextInt(words.size())));
            }
            text.append('.');
            n += len;
            inDoc += len;
            if (inDoc >= DOC_TOKENS || n >= tokens) {
                out.add(new Document(prefix + "-" + out.size(), text.toString(), "word-salad", Map.of()));
                text.setLength(0);
                inDoc = 0;
            }
        }
        return out;
    }
}
