package dev.tailguard.core.pipeline;

import dev.tailguard.core.text.Tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.zip.Deflater;

/**
 * Corpus-level diversity of a set of documents, accumulated one document at a time: distinct-1 and distinct-2
 * (unique n-grams / total n-grams over whitespace tokens, Li et al. 2016, collapse-anchors §2), gzip-style
 * (DEFLATE level 9) compression ratio of the concatenated texts (raw bytes / compressed bytes; higher = more
 * repetitive), mean tokens per document and the document count.
 */
public final class DiversityAccumulator {

    private final Set<String> unigrams = new HashSet<>();
    private final Set<String> bigrams = new HashSet<>();
    private long totalUnigrams;
    private long totalBigrams;
    private long documents;
    private long rawBytes;
    private long compressedBytes;
    private final Deflater deflater = new Deflater(9, true);
    private final byte[] out = new byte[1 << 16];

    /** Adds one document. */
    public void add(String text) {
        List<String> toks = Tokenizer.whitespace(text);
        documents++;
        totalUnigrams += toks.size();
        unigrams.addAll(toks);
        for (int i = 1; i < toks.size(); i++) {
            bigrams.add(toks.get(i - 1) + ' ' + toks.get(i));
        }
        totalBigrams += Math.max(0, toks.size() - 1);
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        rawBytes += bytes.length;
        deflater.setInput(bytes);
        while (!deflater.needsInput()) {
            compressedBytes += deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH);
        }
    }

    /** The metrics by report name: distinct_1, distinct_2, compression_ratio, mean_doc_tokens, documents. */
    public Map<String, Object> metrics() {
        deflater.finish();
        while (!deflater.finished()) {
            compressedBytes += deflater.deflate(out);
        }
        deflater.end();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distinct_1", round(totalUnigrams == 0 ? 0 : (double) unigrams.size() / totalUnigrams));
        m.put("distinct_2", round(totalBigrams == 0 ? 0 : (double) bigrams.size() / totalBigrams));
        m.put("compression_ratio", round(compressedBytes == 0 ? 0 : (double) rawBytes / compressedBytes));
        m.put("mean_doc_tokens", round(documents == 0 ? 0 : (double) totalUnigrams / documents));
        m.put("documents", documents);
        return m;
    }

    /** Per-document distinct-n (unique / total n-grams of whitespace tokens); 0 for texts shorter than n. */
    public static double distinct(List<String> toks, int n) {
        if (toks.size() < n) {
            return 0;
        }
        Set<String> seen = new HashSet<>();
        for (int i = n - 1; i < toks.size(); i++) {
            seen.add(n == 1 ? toks.get(i) : String.join(" ", toks.subList(i - n + 1, i + 1)));
        }
        return (double) seen.size() / (toks.size() - n + 1);
    }

    /** DEFLATE compression ratio (raw / compressed bytes) of one text. */
    public static double compressionRatio(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return 0;
        }
        Deflater d = new Deflater(9, true);
        d.setInput(bytes);
        d.finish();
        byte[] buf = new byte[Math.max(64, bytes.length + 64)];
        long c = 0;
        while (!d.finished()) {
            c += d.deflate(buf);
        }
        d.end();
        return (double) bytes.length / c;
    }

    /** Rounds to 6 decimals so reports are stable and readable. */
    public static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
