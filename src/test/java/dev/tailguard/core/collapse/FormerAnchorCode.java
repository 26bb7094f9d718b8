package dev.tailguard.core.collapse;

import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** The anchor's passes as they were before issue 12's CPU cuts: the oracle of the identity tests. */
final class FormerAnchorCode {

    private FormerAnchorCode() {
    }

    /** {@code Perplexities.score} before issue 12's interning (one thread, {@code Tokenizer.words}). */
    static Perplexities.Doc score(KneserNeyModel model, List<AnchorDocument> docs) {
        double[] lp = new double[docs.size()];
        long[] tok = new long[docs.size()];
        for (int d = 0; d < docs.size(); d++) {
            for (String sentence : Tokenizer.sentences(docs.get(d).text())) {
                List<String> s = Tokenizer.words(sentence);
                if (s.isEmpty()) {
                    continue;
                }
                lp[d] += model.log10Sentence(s);
                tok[d] += s.size() + 1;
            }
        }
        return new Perplexities.Doc(lp, tok);
    }

    /** {@code TextPass} before issue 12 (every type counted in a String-keyed map; capped or no LM). */
    static final class Pass {
        private final int order;
        private final LmSample lmSample;
        private final int windowTokens;
        private final int maxWindows;
        final Map<String, long[]> counts = new HashMap<>();
        private final PriorityQueue<Window> sample =
                new PriorityQueue<>(Comparator.comparingLong(Window::order).reversed());
        long tokens;
        long documents;
        long lmTrainedTokens;

        Pass(int order, long lmMaxTokens, int windowTokens, int maxWindows) {
            this.order = order;
            this.lmSample = order > 0 ? new LmSample(lmMaxTokens) : null;
            this.windowTokens = windowTokens;
            this.maxWindows = maxWindows;
        }

        void add(Document d) {
            documents++;
            List<String> all = new ArrayList<>();
            for (String sentence : Tokenizer.sentences(d.text())) {
                List<String> words = Tokenizer.words(sentence);
                if (words.isEmpty()) {
                    continue;
                }
                for (String w : words) {
                    counts.computeIfAbsent(w, k -> new long[1])[0]++;
                }
                all.addAll(words);
            }
            tokens += all.size();
            if (lmSample != null) {
                lmSample.offer(d.id(), d.text(), all.size());
            }
            long group = TextPass.hash(d.id(), -1);
            int minTokens = Math.max(1, windowTokens / 4);
            for (int i = 0, w = 0; i < all.size(); i += windowTokens, w++) {
                int end = Math.min(all.size(), i + windowTokens);
                boolean full = end - i == windowTokens;
                boolean wholeShortDoc = i == 0 && end - i >= minTokens;
                if (!full && !wholeShortDoc || maxWindows == 0) {
                    break;
                }
                long order = TextPass.hash(d.id(), w);
                if (sample.size() < maxWindows) {
                    sample.add(new Window(group, order, List.copyOf(all.subList(i, end)), d.id()));
                } else if (order < sample.peek().order()) {
                    sample.poll();
                    sample.add(new Window(group, order, List.copyOf(all.subList(i, end)), d.id()));
                }
            }
        }

        Map<String, Long> counts() {
            Map<String, Long> out = new HashMap<>();
            counts.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }

        List<Window> windows() {
            List<Window> out = new ArrayList<>(sample);
            out.sort(Comparator.comparingLong(Window::order));
            return out;
        }

        KneserNeyModel model() {
            if (lmSample == null) {
                return null;
            }
            List<Document> held = new ArrayList<>();
            for (LmSample.Held h : lmSample.documents()) {
                held.add(new Document(h.id(), h.text(), "t", Map.of()));
            }
            lmTrainedTokens = lmSample.unbounded() ? tokens : lmSample.heldTokens();
            return train(held);
        }

        /** Trains on the documents in order, as the former {@code model()} trained on its sample. */
        KneserNeyModel train(List<Document> held) {
            KneserNeyTrainer trainer = new KneserNeyTrainer(Math.max(2, order));
            for (Document h : held) {
                for (String sentence : Tokenizer.sentences(h.text())) {
                    List<String> words = Tokenizer.words(sentence);
                    if (!words.isEmpty()) {
                        trainer.add(words);
                    }
                }
            }
            return trainer.sentences() == 0 ? null : trainer.build();
        }
    }
}
