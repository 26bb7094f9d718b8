package dev.tailguard.core.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.core.io.JsonlObjects;
import dev.tailguard.core.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real corpus of a simulation, tokenised into sentences ({@link Tokenizer#sentences} then
 * {@link Tokenizer#words}; one LM sentence per text sentence) and split into a training part and a held-out part.
 *
 * <p>The split is by <em>sentence</em>: sentence i of document {@code id} is held out when a 64-bit hash of
 * (split seed, id, i) mapped to [0, 1) is below the holdout share. The decision depends only on those three values,
 * so it is deterministic, independent of line order, and about (not exactly) the requested share. The lines are
 * read once, streaming; only the token lists are kept. Blank lines are skipped; sentences without any token (only
 * control characters) are not LM sentences and are skipped too.
 *
 * @param train          training sentences (tokens, without sentence markers)
 * @param heldout        held-out sentences
 * @param documents      number of documents read
 * @param trainTokens    tokens in the training split (the per-generation token budget)
 * @param heldoutTokens  tokens in the held-out split
 * @param longestSentence tokens in the longest training sentence
 */
public record RealCorpus(List<List<String>> train, List<List<String>> heldout, long documents, long trainTokens,
                         long heldoutTokens, int longestSentence) {

    /**
     * Reads and splits a JSONL corpus.
     *
     * @throws IllegalArgumentException naming the line and field for malformed input, an empty corpus, or an
     *                                  empty split
     */
    public static RealCorpus read(Path input, double holdout, long splitSeed) throws IOException {
        List<List<String>> train = new ArrayList<>();
        List<List<String>> held = new ArrayList<>();
        Map<String, String> interned = new HashMap<>();
        long[] counts = new long[3]; // documents, training tokens, held-out tokens
        int[] longest = new int[1];
        JsonlObjects.forEach(input, JsonNode.class, (node, source, lineNo) -> {
            JsonNode id = node.get("id");
            if (id == null || !(id.isTextual() || id.isNumber())) {
                throw new JsonlObjects.JsonlFormatException(source, lineNo, "field 'id' missing or not a string");
            }
            String text = JsonlObjects.requireText(node, "text", source, lineNo);
            counts[0]++;
            long idHash = hash(id.asText());
            int index = 0;
            for (String sentence : Tokenizer.sentences(text)) {
                List<String> words = Tokenizer.words(sentence);
                if (words.isEmpty()) {
                    continue;
                }
                List<String> tokens = new ArrayList<>(words.size());
                for (String w : words) {
                    tokens.add(interned.computeIfAbsent(w, k -> k));
                }
                if (isHeldOut(splitSeed, idHash, index++, holdout)) {
                    held.add(Collections.unmodifiableList(tokens));
                    counts[2] += tokens.size();
                } else {
                    train.add(Collections.unmodifiableList(tokens));
                    counts[1] += tokens.size();
                    longest[0] = Math.max(longest[0], tokens.size());
                }
            }
        });
        long docs = counts[0], trainTokens = counts[1], heldTokens = counts[2];
        if (docs == 0) {
            throw new IllegalArgumentException(input + ": no documents");
        }
        if (train.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException(input + ": the split left " + train.size() + " training and "
                    + held.size() + " held-out sentences; the corpus is too small for holdout " + holdout);
        }
        return new RealCorpus(Collections.unmodifiableList(train), Collections.unmodifiableList(held), docs,
                trainTokens, heldTokens, longest[0]);
    }

    static boolean isHeldOut(long seed, long idHash, int sentenceIndex, double holdout) {
        long h = Rng.mix(Rng.mix(seed ^ 0x5DEECE66DL) ^ idHash);
        h = Rng.mix(h + sentenceIndex * 0x9E3779B97F4A7C15L);
        return (h >>> 11) * 0x1.0p-53 < holdout;
    }

    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
