package dev.tailguard.core.metrics;

import dev.tailguard.core.collections.NgramHash;
import dev.tailguard.core.pii.PiiDetector;
import dev.tailguard.core.quality.C4Rules;
import dev.tailguard.core.quality.FineWebRules;
import dev.tailguard.core.quality.GopherQualityRules;
import dev.tailguard.core.quality.GopherRepetitionRules;
import dev.tailguard.core.quality.QualityRule;
import dev.tailguard.core.quality.RuleResult;
import dev.tailguard.core.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-document numbers for the score stage: every quality-rule value (Gopher quality and repetition, C4 without
 * terminal punctuation as FineWeb uses it, FineWeb rules; keyed by rule name), PII counts ({@code pii_email},
 * {@code pii_phone}, {@code pii_ipv4}, {@code pii_ipv6}, {@code pii_card}), {@code tokens}, {@code chars},
 * {@code c4_removed_line_frac}, {@code mattr_50}. Numbers only: keep/drop is decided by
 * {@link dev.tailguard.core.quality.QualityPolicy} on {@link Result#rules()}. Thread-safe (stateless).
 */
public final class DocumentMetrics {

    /** Metric values (insertion-ordered) and the rule results they came from. */
    public record Result(Map<String, Double> values, List<RuleResult> rules) {
    }

    private static final QualityRule GOPHER = new GopherQualityRules();
    private static final GopherRepetitionRules REPETITION = new GopherRepetitionRules();
    private static final QualityRule FINEWEB = new FineWebRules();
    private static final C4Rules C4 = new C4Rules(false);
    private static final PiiDetector PII = new PiiDetector();

    private DocumentMetrics() {
    }

    /** Per-document numbers of a text and its {@code Tokenizer.words} tokens. */
    public static Map<String, Double> compute(String text, List<String> tokens) {
        return evaluate(text, tokens).values();
    }

    /** Per-document numbers, tokenising with {@code Tokenizer.words}. */
    public static Map<String, Double> compute(String text) {
        return compute(text, Tokenizer.words(text));
    }

    /** Numbers plus the rule results (for {@code QualityPolicy}). */
    public static Result evaluate(String text, List<String> tokens) {
        return evaluate(text, tokens, NgramHash.tokens(tokens));
    }

    /** Numbers plus rule results, given precomputed token hashes ({@link NgramHash#tokens}) to avoid rehashing. */
    public static Result evaluate(String text, List<String> tokens, long[] tokenHashes) {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("tokens", (double) tokens.size());
        v.put("chars", (double) text.length());
        List<RuleResult> results = new ArrayList<>(32);
        results.addAll(GOPHER.apply(text, tokens));
        results.addAll(REPETITION.apply(text, tokens, tokenHashes));
        C4Rules.Lines lines = C4.filterLines(text);
        results.addAll(C4.results(text, lines));
        results.addAll(FINEWEB.apply(text, tokens));
        for (RuleResult rr : results) {
            v.put(rr.name(), rr.value());
        }
        v.put("c4_removed_line_frac", lines.removedFraction());
        PiiDetector.Report pii = PII.detect(text);
        pii.counts().forEach((t, c) -> v.put("pii_" + t.name().toLowerCase(Locale.ROOT), (double) c));
        v.put("mattr_50", Mattr.ofHashes(tokenHashes, Mattr.DEFAULT_WINDOW));
        return new Result(v, List.copyOf(results));
    }
}
