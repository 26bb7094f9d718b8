package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The anchor documents tokenised once: the type counts, the token total and the window sample. The sentences are not
 * kept (a token list costs ~8 times its text): perplexity re-tokenises each anchor document while scoring it
 * ({@link Perplexities#score(dev.tailguard.core.lm.KneserNeyModel, List)}).
 *
 * @param counts    count of each type over all anchor documents
 * @param tokens    total tokens
 * @param windows   window sample (hash order), at most max(maxWindows, maxChunks)
 */
record AnchorView(Map<String, Long> counts, long tokens, List<Window> windows) {

    static AnchorView of(List<AnchorDocument> docs, CollapseConfig cfg) {
        TextPass pass = new TextPass(0, cfg.windowTokens(), Math.max(cfg.maxWindows(), cfg.maxChunks()));
        pass.keepCopies(AnchorBuilder.COPIED_IDS); // exact copies among the anchor's documents are not tokenised again
        for (AnchorDocument d : docs) {
            pass.add(new Document(d.id(), d.text(), "anchor", Map.of()));
        }
        return new AnchorView(new HashMap<>(pass.counts()), pass.tokens(), pass.windows());
    }
}
