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
     *     {@code perplexity_including_oovs}
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
