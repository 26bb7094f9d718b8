package dev.tailguard.core.generate.rules;

import java.util.Set;

/** Function words and light verbs that the synonym rule never touches. */
final class StopWords {

    private static final Set<String> WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "became", "because", "become", "been", "before", "being", "below", "between", "both", "but",
            "by", "can", "cannot", "come", "could", "did", "do", "does", "doing", "done", "down", "during", "each",
            "either", "else", "even", "ever", "every", "few", "for", "from", "further", "get", "give", "go", "going",
            "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
            "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "know", "let", "like",
            "made", "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "neither",
            "never", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other",
            "ought", "our", "ours", "ourselves", "out", "over", "own", "put", "rather", "said", "same", "say",
            "see", "seem", "set", "shall", "she", "should", "since", "so", "some", "such", "take", "than", "that",
            "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "this",
            "those", "though", "through", "thus", "to", "too", "under", "unless", "until", "up", "upon", "us",
            "very", "was", "way", "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who",
            "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
            "yourself", "yourselves", "two", "three", "first", "last", "next");

    private StopWords() {
    }

    static boolean contains(String lowerWord) {
        return WORDS.contains(lowerWord);
    }
}
