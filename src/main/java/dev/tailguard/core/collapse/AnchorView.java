package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The anchor documents tokenised: per document its sentences, the type counts, and the window sample.
 *
 * @param sentences per anchor document, its sentences as tokens
 * @param counts    count of each type over all anchor documents
 * @param tokens    total tokens
 * @param windows   window sample (hash order), at most max(maxWindows, maxChunks)
 */
record AnchorView(List<List<List<String>>> sentences, Map<String, Long> counts, long tokens, List<Window> windows) {

    static AnchorView of(List<AnchorDocument> docs, CollapseConfig cfg) {
        TextPass pass = new TextPass(0, cfg.windowTokens(), Math.max(cfg.maxWindows(), cfg.maxChunks()));
        List<List<List<String>>> sentences = new ArrayList<>();
        for (AnchorDocument d : docs) {
            pass.add(new Document(d.id(), d.text(), "anchor", Map.of()));
            List<List<String>> doc = new ArrayList<>();
            for (String s : Tokenizer.sentences(d.text())) {
                List<String> w = Tokenizer.words(s);
                if (!w.isEmpty()) {
                    doc.add(w);
                }
            }
            sentences.add(doc);
        }
        return new AnchorView(sentences, new HashMap<>(pass.counts()), pass.tokens(), pass.windows());
    }
}
