package dev.tailguard.core.generate.llm;

import dev.tailguard.core.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a seed into sentence-aligned chunks of about {@code target} tokens ({@link Tokenizer#words}), the
 * ~300-token chunks of WRAP (collapse-anchors §4). Sentences are never split; a sentence longer than the target
 * is a chunk of its own.
 */
public final class Chunker {

    private Chunker() {
    }

    public static List<String> chunk(String text, int target) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int curTokens = 0;
        for (String s : Tokenizer.sentences(text)) {
            int n = Tokenizer.count(s);
            if (curTokens > 0 && curTokens + n > target) {
                out.add(cur.toString());
                cur.setLength(0);
                curTokens = 0;
            }
            if (cur.length() > 0) {
                cur.append(' ');
            }
            cur.append(s);
            curTokens += n;
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
