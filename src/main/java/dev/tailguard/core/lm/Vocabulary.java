package dev.tailguard.core.lm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Word ↔ id mapping with KenLM's fixed ids: {@code <unk>}=0, {@code <s>}=1, {@code </s>}=2. */
final class Vocabulary {
    static final String UNK_WORD = "<unk>";
    static final String BOS_WORD = "<s>";
    static final String EOS_WORD = "</s>";
    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>();

    Vocabulary() {
        add(UNK_WORD);
        add(BOS_WORD);
        add(EOS_WORD);
    }

    int add(String w) {
        Integer id = ids.get(w);
        if (id != null) {
            return id;
        }
        int n = words.size();
        ids.put(w, n);
        words.add(w);
        return n;
    }

    /** Id of the word, or {@link #UNK} when unknown. */
    int id(String w) {
        Integer id = ids.get(w);
        return id == null ? UNK : id;
    }

    boolean contains(String w) {
        return ids.containsKey(w);
    }

    String word(int id) {
        return words.get(id);
    }

    int size() {
        return words.size();
    }
}
