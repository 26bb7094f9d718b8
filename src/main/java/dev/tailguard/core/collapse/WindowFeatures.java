package dev.tailguard.core.collapse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Features of a window for the classifier two-sample test: signed hashed word 1- and 2-grams (log(1 + count),
 * L2-normalised, {@link #BUCKETS} buckets) followed by {@link #DENSE} document statistics (tokens, type/token ratio,
 * mean word length, punctuation share, DEFLATE compression ratio, share of the ten most frequent English words).
 */
final class WindowFeatures {

    /** Hash buckets of the n-gram features. */
    static final int BUCKETS = 1 << 18;
    /** Number of dense statistics, stored after the hashed buckets. */
    static final int DENSE = 6;

    private static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of(
            "the", "of", "and", "to", "a", "in", "that", "is", "it", "was");

    /** Sparse part: indices and values; dense part: raw statistics (standardised later per fold). */
    record Vector(int[] index, double[] value, double[] dense) {
    }

    private WindowFeatures() {
    }

    static Vector of(List<String> tokens) {
        Map<Integer, Double> acc = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            add(acc, tokens.get(i).hashCode() * 0x9E3779B1);
            if (i + 1 < tokens.size()) {
                add(acc, (tokens.get(i).hashCode() * 31 + tokens.get(i + 1).hashCode()) * 0x85EBCA6B + 0x165667B1);
            }
        }
        int[] idx = new int[acc.size()];
        double[] val = new double[acc.size()];
        double norm = 0;
        int j = 0;
        for (Map.Entry<Integer, Double> e : acc.entrySet()) {
            int h = e.getKey();
            idx[j] = Math.floorMod(h, BUCKETS);
            double c = e.getValue();
            val[j] = Math.signum(c) * Math.log1p(Math.abs(c));
            norm += val[j] * val[j];
            j++;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < val.length; i++) {
            val[i] /= norm == 0 ? 1 : norm;
        }
        return new Vector(idx, val, dense(tokens));
    }

    private static void add(Map<Integer, Double> acc, int h) {
        int mixed = h ^ (h >>> 15);
        double sign = ((mixed >>> 31) & 1) == 0 ? 1 : -1;
        acc.merge(mixed & 0x7fffffff, sign, Double::sum);
    }

    private static double[] dense(List<String> tokens) {
        int n = Math.max(1, tokens.size());
        long letters = 0;
        int words = 0;
        int punct = 0;
        int function = 0;
        for (String t : tokens) {
            if (Character.isLetterOrDigit(t.charAt(0))) {
                words++;
                letters += t.length();
            } else {
                punct++;
            }
            function += FUNCTION_WORDS.contains(t) ? 1 : 0;
        }
        double ttr = (double) new java.util.HashSet<>(tokens).size() / n;
        return new double[] {Math.log(n), ttr, words == 0 ? 0 : (double) letters / words, (double) punct / n,
                compressionRatio(String.join(" ", tokens)), (double) function / n};
    }

    static double compressionRatio(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw.length == 0 ? 1 : (double) raw.length / Math.max(1, out.size());
    }
}
