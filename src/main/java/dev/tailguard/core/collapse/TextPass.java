package dev.tailguard.core.collapse;

import dev.tailguard.core.collections.CopyIndex;
import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.text.TokenIds;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One streaming pass over documents: trains a Kneser–Ney model (optional) on a bounded, order-independent document
 * sample ({@link LmSample}: the smallest id hashes up to {@code lmMaxTokens} tokens; every document when the cap is
 * 0), counts word types (all of them, or only those of a given vocabulary), and keeps a bounded, order-independent
 * sample of windows (the {@code maxWindows} windows with the smallest hash of (document id, window index)). Memory is
 * bounded by the counted vocabulary, the LM sample and {@code maxWindows}, not by the number of documents.
 *
 * <p>A pass that counts every type and trains no streaming LM (the anchor's real pass and {@link AnchorView}) interns
 * tokens as ids ({@link TokenIds}) and counts per id: no String or map entry per token, the same counts, totals and
 * windows (issue 12: the String-keyed map per token was the anchor feed's hot spot).
 */
final class TextPass {

    private final int order;
    private final KneserNeyTrainer streaming;
    private final LmSample lmSample;
    private final java.util.Set<String> countOnly;
    private final int windowTokens;
    private final int maxWindows;
    private final Map<String, long[]> counts = new HashMap<>();
    /** Interned tokens, when every type is counted and no LM streams (else null: {@link #counts} by String). */
    private final TokenIds ids;
    /** With {@link #ids}: the count of each token id. */
    private long[] idCounts = new long[0];
    /** With {@link #keepCopies}: the token ids of texts interned before, weighed by their number. */
    private CopyIndex<int[]> copies;
    private final PriorityQueue<Window> sample = new PriorityQueue<>(Comparator.comparingLong(Window::order).reversed());
    private long tokens;
    private long documents;
    private long lmTrainedTokens;
    private long lmTrainedDocuments;

    /** A pass counting every type, with an uncapped LM ({@code order} 0: no LM). */
    TextPass(int order, int windowTokens, int maxWindows) {
        this(order, 0, null, windowTokens, maxWindows);
    }

    /**
     * @param order       LM order, 0 for no LM
     * @param lmMaxTokens training-token cap of the LM sample; {@code <= 0} trains on every document
     * @param countOnly   the types to count; null counts every type
     */
    TextPass(int order, long lmMaxTokens, java.util.Set<String> countOnly, int windowTokens, int maxWindows) {
        this.order = order;
        this.lmSample = order > 0 ? new LmSample(lmMaxTokens) : null;
        this.streaming = order > 0 && lmMaxTokens <= 0 ? new KneserNeyTrainer(order) : null;
        this.countOnly = countOnly == null ? null : new java.util.HashSet<>(countOnly); // O(1) lookups
        this.windowTokens = windowTokens;
        this.maxWindows = maxWindows;
        this.ids = countOnly == null && streaming == null ? new TokenIds() : null;
        if (countOnly != null) {
            // every counted type has its entry from the start: one map lookup per token (a token outside the set
            // finds none), instead of a set lookup then a map lookup; types never seen keep count 0 and are not
            // reported
            for (String w : countOnly) {
                counts.put(w, new long[1]);
            }
        }
    }

    void add(Document d) {
        documents++;
        if (ids != null) {
            addInterned(d);
            return;
        }
        List<String> all = new ArrayList<>(Math.max(16, d.text().length() / 4));
        for (String sentence : Tokenizer.sentences(d.text())) {
            List<String> words = Tokenizer.words(sentence);
            if (words.isEmpty()) {
                continue;
            }
            if (streaming != null) {
                streaming.add(words);
            }
            if (countOnly == null) {
                for (String w : words) {
                    counts.computeIfAbsent(w, k -> new long[1])[0]++;
                }
            } else if (!counts.isEmpty()) {
                for (String w : words) {
                    long[] c = counts.get(w);
                    if (c != null) {
                        c[0]++;
                    }
                }
            }
            all.addAll(words);
        }
        tokens += all.size();
        if (lmSample != null) {
            lmSample.offer(d.id(), d.text(), all.size());
        }
        addWindows(d.id(), all.size(), (from, to) -> List.copyOf(all.subList(from, to)));
    }

    /**
     * In an interning pass, keeps the token ids of distinct texts, up to {@code maxIds} ids in all, so that an exact
     * copy of a kept text (same characters; found by two 64-bit hashes) is counted from them instead of being
     * tokenised and interned again: the same ids, so the same counts, totals and windows. Corpora with many exact
     * copies (crawls, concatenated dumps) skip most of their tokenising.
     */
    void keepCopies(long maxIds) {
        if (ids != null) {
            copies = new CopyIndex<>(maxIds);
        }
    }

    /** {@link #add} of an interning pass: the tokens of the text's sentences as ids, counted per id. */
    private void addInterned(Document d) {
        int[] t = tokenIds(d.text());
        if (idCounts.length < ids.size()) {
            idCounts = java.util.Arrays.copyOf(idCounts, Math.max(ids.size(), 2 * idCounts.length));
        }
        for (int id : t) {
            idCounts[id]++;
        }
        tokens += t.length;
        if (lmSample != null) {
            lmSample.offer(d.id(), d.text(), t.length);
        }
        addWindows(d.id(), t.length, (from, to) -> {
            String[] w = new String[to - from];
            for (int i = from; i < to; i++) {
                w[i - from] = ids.token(t[i]);
            }
            return List.of(w);
        });
    }

    /** The text's sentence tokens as ids: those kept for an exact copy, else interned (and kept while room is left). */
    private int[] tokenIds(String text) {
        if (copies == null) {
            return ids.sentenceTokens(text);
        }
        long[] key = NgramHash.textKey(text);
        int[] t = copies.get(key);
        if (t == null) {
            t = ids.sentenceTokens(text);
            copies.put(key, t, t.length);
        }
        return t;
    }

    /** Copies the tokens {@code [from, to)} of the document being added. */
    private interface Slice {
        List<String> copy(int from, int to);
    }

    /**
     * Adds another pass over other documents, as if they had been added here: counts and totals add up, the LM
     * sample and the window sample become those of the union ({@link LmSample#merge}; the windows with the smallest
     * hashes of both). Only passes built alike can merge, and not a pass with an uncapped LM (its trainer streams).
     *
     * @throws IllegalArgumentException when the passes differ or the LM is uncapped
     */
    void merge(TextPass other) {
        if (order != other.order || windowTokens != other.windowTokens || maxWindows != other.maxWindows
                || streaming != null || other.streaming != null || !java.util.Objects.equals(countOnly, other.countOnly)) {
            throw new IllegalArgumentException("only passes built alike, without an uncapped LM, can merge");
        }
        documents += other.documents;
        tokens += other.tokens;
        other.counts.forEach((w, c) -> {
            if (c[0] > 0) {
                counts.computeIfAbsent(w, k -> new long[1])[0] += c[0];
            }
        });
        if (ids != null) {
            for (int id = 0; id < other.ids.size(); id++) {
                long c = other.idCounts.length > id ? other.idCounts[id] : 0;
                if (c > 0) {
                    int mine = ids.id(other.ids.token(id));
                    if (mine >= idCounts.length) {
                        idCounts = java.util.Arrays.copyOf(idCounts, Math.max(ids.size(), 2 * idCounts.length));
                    }
                    idCounts[mine] += c;
                }
            }
        }
        if (lmSample != null) {
            lmSample.merge(other.lmSample);
        }
        for (Window win : other.sample) {
            offerWindow(win);
        }
    }

    /** Whether passes of this kind can be merged ({@link #merge}): no uncapped LM. */
    boolean mergeable() {
        return streaming == null;
    }

    private void addWindows(String id, int size, Slice all) {
        long group = hash(id, -1);
        int minTokens = Math.max(1, windowTokens / 4);
        for (int i = 0, w = 0; i < size; i += windowTokens, w++) {
            int end = Math.min(size, i + windowTokens);
            boolean full = end - i == windowTokens;
            boolean wholeShortDoc = i == 0 && end - i >= minTokens;
            if (!full && !wholeShortDoc) {
                break;
            }
            if (maxWindows == 0) {
                return;
            }
            long order = hash(id, w);
            if (sample.size() < maxWindows || order < sample.peek().order()) { // copy only a window the sample keeps
                offerWindow(new Window(group, order, all.copy(i, end), id));
            }
        }
    }

    private void offerWindow(Window win) {
        if (sample.size() < maxWindows) {
            sample.add(win);
        } else if (win.order() < sample.peek().order()) {
            sample.poll();
            sample.add(win);
        }
    }

    /**
     * The trained model; null when the pass was built without one or saw no sentence. With a cap, the model is
     * trained here on the sampled documents in hash order; call once.
     */
    KneserNeyModel model() {
        if (lmSample == null) {
            return null;
        }
        KneserNeyTrainer trainer = streaming;
        if (trainer == null) {
            trainer = new KneserNeyTrainer(order);
            TokenIds interned = new TokenIds(); // one String per type: the trainer's lookups reuse its cached hash
            for (LmSample.Held h : lmSample.documents()) {
                for (String sentence : Tokenizer.sentences(h.text())) {
                    List<String> words = strings(interned, interned.words(sentence));
                    if (!words.isEmpty()) {
                        trainer.add(words);
                    }
                }
            }
            lmTrainedTokens = lmSample.heldTokens();
            lmTrainedDocuments = lmSample.documents().size();
        } else {
            lmTrainedTokens = tokens;
            lmTrainedDocuments = documents;
        }
        return trainer.sentences() == 0 ? null : trainer.build();
    }

    /** Tokens the LM of {@link #model()} was trained on (after the call). */
    long lmTrainedTokens() {
        return lmTrainedTokens;
    }

    /** Documents the LM of {@link #model()} was trained on (after the call). */
    long lmTrainedDocuments() {
        return lmTrainedDocuments;
    }

    /** Documents of the LM sample held in memory (the bounded structure; all documents seen when uncapped). */
    int lmHeldDocuments() {
        return lmSample == null || lmSample.unbounded() ? 0 : lmSample.documents().size();
    }

    /** Count of each counted type (a new map on each call). */
    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>(Math.max(16, countedTypes() * 4 / 3 + 1));
        counts.forEach((k, v) -> {
            if (v[0] > 0) {
                out.put(k, v[0]);
            }
        });
        if (ids != null) {
            for (int id = 0; id < idCounts.length; id++) {
                if (idCounts[id] > 0) {
                    out.put(ids.token(id), idCounts[id]);
                }
            }
        }
        return out;
    }

    /** Number of distinct counted types. */
    int countedTypes() {
        int n = 0;
        if (ids == null) {
            for (long[] c : counts.values()) {
                n += c[0] > 0 ? 1 : 0;
            }
            return n;
        }
        for (long c : idCounts) {
            n += c > 0 ? 1 : 0;
        }
        return n;
    }

    long tokens() {
        return tokens;
    }

    long documents() {
        return documents;
    }

    /** The sampled windows, sorted by their hash (a deterministic, order-independent order). */
    List<Window> windows() {
        List<Window> out = new ArrayList<>(sample);
        out.sort(Comparator.comparingLong(Window::order));
        return out;
    }

    /** The tokens of these ids, as the interned Strings of {@code interned}. */
    static List<String> strings(TokenIds interned, int[] tokenIds) {
        String[] out = new String[tokenIds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = interned.token(tokenIds[i]);
        }
        return java.util.Arrays.asList(out);
    }

    static long hash(String id, int index) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ (index * 0x9E3779B97F4A7C15L));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
