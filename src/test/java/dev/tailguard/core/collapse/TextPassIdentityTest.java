package dev.tailguard.core.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.text.IdentityInputs;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's CPU cuts in the anchor's passes keep their answers: a {@link TextPass} that interns tokens
 * ({@code TokenIds}), alone or merged from parts, gives the former pass's counts, totals, windows and LM, and
 * {@link Perplexities#score} (interned tokens, any number of threads) the former per-document sums, bit for bit (the
 * former code is the oracle, {@link FormerAnchorCode}).
 */
class TextPassIdentityTest {

    /**
     * Documents of every identity text (several languages, surrogate pairs, blank lines) with seeded ids; with
     * {@code valid}, only those ingest accepts (no lone surrogate: its token can hold white space, which the LM
     * trainer refuses, before and after issue 12).
     */
    private static List<Document> docs(int random, long seed, boolean valid) {
        List<Document> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> texts = IdentityInputs.texts(random, seed);
        for (int i = 0; i < texts.size(); i++) {
            if (!valid || !hasLoneSurrogate(texts.get(i))) {
                out.add(new Document("d-" + rnd.nextInt(1_000_000_000) + "-" + i, texts.get(i), "t", Map.of()));
            }
        }
        return out;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))
                    || Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anInterningPassGivesTheFormerPassesAnswers() {
        List<Document> all = docs(1500, 21L, false);
        List<Document> valid = docs(1500, 21L, true);
        assertThat(valid.size()).isLessThan(all.size()).isGreaterThan(all.size() / 2);
        for (int[] shape : new int[][] {{3, 5_000, 16, 40}, {3, 1_000_000, 64, 512}, {0, 0, 8, 30}, {2, 1, 12, 0}}) {
            List<Document> docs = shape[0] == 0 ? all : valid;
            TextPass pass = new TextPass(shape[0], shape[1], null, shape[2], shape[3]);
            FormerAnchorCode.Pass former = new FormerAnchorCode.Pass(shape[0], shape[1], shape[2], shape[3]);
            for (Document d : docs) {
                pass.add(d);
                former.add(d);
            }
            assertSame(pass, former);
        }
    }

    @Test
    void mergedInterningPassesGiveTheFormerPassOverTheWhole() {
        List<Document> docs = docs(600, 5L, true);
        SplittableRandom rnd = new SplittableRandom(8);
        FormerAnchorCode.Pass former = new FormerAnchorCode.Pass(3, 20_000, 16, 64);
        docs.forEach(former::add);
        List<TextPass> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            parts.add(new TextPass(3, 20_000, null, 16, 64));
        }
        docs.forEach(d -> parts.get(rnd.nextInt(parts.size())).add(d));
        TextPass merged = parts.get(0);
        parts.subList(1, parts.size()).forEach(merged::merge);
        assertSame(merged, former);
    }

    @Test
    void perplexityScoresAreTheFormerSumsOnAnyNumberOfThreads() {
        List<Document> docs = docs(800, 13L, true);
        KneserNeyModel model = new FormerAnchorCode.Pass(3, 0, 16, 0).train(docs.subList(0, docs.size() / 2));
        List<AnchorDocument> anchor = new ArrayList<>();
        for (Document d : docs.subList(docs.size() / 2, docs.size())) {
            anchor.add(new AnchorDocument(d.id(), d.text()));
        }
        int distinct = anchor.size();
        for (int i = 0; i < distinct; i += 3) { // exact copies, near and far (scored once, their sums copied)
            anchor.add(new AnchorDocument("copy-" + i, new String(anchor.get(i).text().toCharArray())));
            anchor.add(i + 1, new AnchorDocument("near-copy-" + i, anchor.get(i).text()));
        }
        Perplexities.Doc expected = FormerAnchorCode.score(model, anchor);
        for (int threads : new int[] {1, 2, 3, 7}) {
            Perplexities.Doc got = Perplexities.score(model, anchor, threads);
            assertThat(got.log10()).as(threads + " threads").isEqualTo(expected.log10());
            assertThat(got.tokens()).as(threads + " threads").isEqualTo(expected.tokens());
        }
        assertThat(Perplexities.score(model, anchor).log10()).isEqualTo(expected.log10());
        for (List<String> words : List.of(List.of("the", "cat", "never-seen-token", "."), List.<String>of())) {
            int[] wordIds = words.stream().mapToInt(model::wordId).toArray();
            assertThat(model.log10Sentence(wordIds)).isEqualTo(model.log10Sentence(words));
        }
        assertThat(Perplexities.score(model, List.of(), 2).log10()).isEmpty();
    }

    @Test
    void chunksCoverEveryDocumentOnceInOrder() {
        List<AnchorDocument> docs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 57; i++) {
            docs.add(new AnchorDocument("a" + i, "x".repeat(rnd.nextInt(1, i % 10 == 0 ? 5000 : 50))));
        }
        for (int threads = 1; threads <= 70; threads += 3) {
            int[] b = Perplexities.chunks(docs, threads);
            assertThat(b[0]).isZero();
            assertThat(b[b.length - 1]).isEqualTo(docs.size());
            assertThat(b.length - 1).isEqualTo(Math.min(threads, docs.size()));
            for (int c = 1; c < b.length; c++) {
                assertThat(b[c]).isGreaterThanOrEqualTo(b[c - 1]);
            }
        }
        assertThat(Perplexities.chunks(List.of(), 2)).containsExactly(0, 0);
    }

    private static void assertSame(TextPass pass, FormerAnchorCode.Pass former) {
        assertThat(pass.documents()).isEqualTo(former.documents);
        assertThat(pass.tokens()).isEqualTo(former.tokens);
        assertThat(pass.counts()).isEqualTo(former.counts());
        assertThat(pass.countedTypes()).isEqualTo(former.counts.size());
        assertThat(pass.windows()).isEqualTo(former.windows());
        KneserNeyModel got = pass.model();
        KneserNeyModel expected = former.model();
        assertThat(pass.lmTrainedTokens()).isEqualTo(former.lmTrainedTokens);
        if (expected == null) {
            assertThat(got).isNull();
            return;
        }
        List<List<String>> probes = new ArrayList<>();
        for (String text : IdentityInputs.texts(50, 99L)) {
            for (String s : Tokenizer.sentences(text)) {
                probes.add(Tokenizer.words(s));
            }
        }
        for (List<String> probe : probes) {
            assertThat(got.log10Sentence(probe)).as(String.join(" ", probe)).isEqualTo(expected.log10Sentence(probe));
        }
        assertThat(got.orderStats()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(expected.orderStats());
    }
}
