package dev.tailguard.core.quality;

import dev.tailguard.core.text.Tokenizer;
import java.util.List;

/** A group of quality rules computed on one document; each rule yields one {@link RuleResult}. */
public interface QualityRule {

    /** Evaluates the rules on the text and its {@link Tokenizer#words} tokens (tokenise once, pass around). */
    List<RuleResult> apply(String text, List<String> tokens);

    /** Evaluates the rules, tokenising the text with {@link Tokenizer#words}. */
    default List<RuleResult> apply(String text) {
        return apply(text, Tokenizer.words(text));
    }
}
