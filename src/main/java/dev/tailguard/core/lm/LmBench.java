package dev.tailguard.core.lm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throughput benchmark of the language model: training, querying (perplexity) and exact sampling. Sentences are read
 * into memory first so file I/O is not measured; each figure is the best of {@code repeats} runs. Querying scores
 * the test set repeatedly (about as many tokens as the training set) with {@link KneserNeyModel#evaluate}.
 */
public final class LmBench {
    private LmBench() {
    }

    /**
     * @return keys {@code order, train_tokens, test_tokens, train_seconds, train_tokens_per_second,
     *     query_tokens_per_second, sample_tokens_per_second, sampled_tokens} (tokens include one {@code </s>} per sentence),
     *     {@code perplexity_including_oovs}; and for the model saved in the binary format and loaded back:
     *     {@code ngrams, model_bytes, model_bytes_per_ngram, load_seconds, loaded_query_tokens_per_second} (querying
     *     the test file from disk through the byte-level path of {@code lm --load})
     */
    public static Map<String, Object> run(Path trainFile, Path testFile, int order, int repeats) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        List<List<String>> train = load(trainFile);
        List<List<String>> test = load(testFile);
        long trainTokens = 0;
        for (List<String> s : train) {
            trainTokens += s.size();
        }
        long bestTrain = Long.MAX_VALUE;
        KneserNeyModel model = null;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            model = KneserNeyModel.train(train, order);
            bestTrain = Math.min(bestTrain, System.nanoTime() - t0);
        }
        long testTokens = 0;
        for (List<String> s : test) {
            testTokens += s.size() + 1;
        }
        int passes = (int) Math.max(1, Math.min(1000, trainTokens / Math.max(1, testTokens)));
        double bestQueryRate = 0;
        PerplexityResult r = null;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            for (int p = 0; p < passes; p++) {
                r = model.evaluate(test);
            }
            bestQueryRate = Math.max(bestQueryRate, (double) passes * r.tokens() / ((System.nanoTime() - t0) / 1e9));
        }
        double bestSampleRate = 0;
        long sampled = 0;
        for (int i = 0; i < repeats; i++) {
            SplittableRandom rnd = new SplittableRandom(42 + i);
            long n = 0;
            long t0 = System.nanoTime();
            while (n < trainTokens) {
                n += model.sample(rnd, SamplingOptions.DEFAULT).size() + 1;
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            if (rate > bestSampleRate) {
                bestSampleRate = rate;
                sampled = n;
            }
        }
        long modelBytes;
        double bestLoad = Double.MAX_VALUE;
        double bestFileQueryRate = 0;
        try {
            Path f = java.nio.file.Files.createTempFile("tailguard-lm-bench", ".tglm");
            try {
                model.save(f);
                modelBytes = java.nio.file.Files.size(f);
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    KneserNeyModel loaded = KneserNeyModel.load(f);
                    bestLoad = Math.min(bestLoad, (System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    long n = 0;
                    for (int p = 0; p < passes; p++) {
                        n += loaded.evaluate(testFile).tokens();
                    }
                    bestFileQueryRate = Math.max(bestFileQueryRate, n / ((System.nanoTime() - t0) / 1e9));
                }
            } finally {
                java.nio.file.Files.deleteIfExists(f);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write a temporary model file: " + e.getMessage(), e);
        }
        long ngrams = 0;
        for (int k = 1; k <= order; k++) {
            ngrams += model.ngrams(k);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", order);
        out.put("train_tokens", trainTokens);
        out.put("test_tokens", r.tokens());
        out.put("train_seconds", bestTrain / 1e9);
        out.put("train_tokens_per_second", trainTokens / (bestTrain / 1e9));
        out.put("query_tokens_per_second", bestQueryRate);
        out.put("sample_tokens_per_second", bestSampleRate);
        out.put("sampled_tokens", sampled);
        out.put("perplexity_including_oovs", r.perplexityIncludingOovs());
        out.put("ngrams", ngrams);
        out.put("model_bytes", modelBytes);
        out.put("model_bytes_per_ngram", (double) modelBytes / ngrams);
        out.put("load_seconds", bestLoad);
        out.put("loaded_query_tokens_per_second", bestFileQueryRate);
        return out;
    }

    private static List<List<String>> load(Path p) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> s : SentenceFile.of(p)) {
            out.add(s);
        }
        return out;
    }
}
