package dev.tailguard.cli.tools;

import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.lm.PerplexityResult;
import dev.tailguard.core.lm.TrainingSample;
import dev.tailguard.core.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Effect of the reference-LM training cap ({@code tailguard.reference-lm.max-training-tokens}) on held-out
 * perplexity. The corpus is concatenated {@code copies} times with unique ids ({@code id~c}); every tenth original
 * document (CRC-32 of its id mod 10 = 0) is held out with all of its copies, so no held-out text is ever trained on.
 * Each cap trains on a {@link TrainingSample} of the remaining documents (expected size = cap, enforced exactly by
 * the trainer) and reports held-out perplexity, n-grams, model file bytes per n-gram and heap retained by the model.
 */
public final class LmCapBench {
    private LmCapBench() {
    }

    /**
     * One row of the table.
     *
     * @param copies corpus concatenated this many times
     * @param cap training-token cap, or {@link Long#MAX_VALUE} for none
     * @param poolTokens training tokens available (all copies, held-out documents excluded)
     * @param trainedTokens tokens the model was trained on
     * @param ngrams n-grams of all orders
     * @param heldOutTokens held-out tokens scored (with one {@code </s>} per sentence)
     * @param perplexity held-out perplexity including OOVs
     * @param oovs held-out OOV tokens
     * @param fileBytes bytes of the saved binary model
     * @param heapBytes heap retained by the model (used heap after GC with the model minus without), approximate
     * @param trainSeconds wall seconds to train
     */
    public record Row(int copies, long cap, long poolTokens, long trainedTokens, long ngrams, long heldOutTokens,
                      double perplexity, long oovs, long fileBytes, long heapBytes, double trainSeconds) {
    }

    /** Runs every (copies, cap) pair; model files are written to {@code tmpDir} and deleted. */
    public static List<Row> run(Path jsonl, int order, int[] copies, long[] caps, Path tmpDir) throws IOException {
        Map<String, String> intern = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<List<List<String>>> docs = new ArrayList<>();
        List<List<String>> heldOut = new ArrayList<>();
        long[] poolPerCopy = new long[1];
        BenchCommand.stream(jsonl, d -> {
            List<List<String>> sents = new ArrayList<>();
            long n = 0;
            for (String s : Tokenizer.sentences(d.text())) {
                List<String> w = new ArrayList<>();
                for (String t : Tokenizer.words(s)) {
                    w.add(intern.computeIfAbsent(t, x -> x));
                }
                if (!w.isEmpty()) {
                    sents.add(w);
                    n += w.size();
                }
            }
            CRC32 crc = new CRC32();
            crc.update(d.id().getBytes(StandardCharsets.UTF_8));
            if (crc.getValue() % 10 == 0) {
                heldOut.addAll(sents);
            } else {
                ids.add(d.id());
                docs.add(sents);
                poolPerCopy[0] += n;
            }
        });
        List<Row> rows = new ArrayList<>();
        for (int c : copies) {
            long pool = poolPerCopy[0] * c;
            for (long cap : caps) {
                rows.add(one(order, c, cap, pool, ids, docs, heldOut, tmpDir));
            }
        }
        return rows;
    }

    private static Row one(int order, int copies, long cap, long pool, List<String> ids,
                           List<List<List<String>>> docs, List<List<String>> heldOut, Path tmpDir) {
        long base = usedAfterGc();
        long t0 = System.nanoTime();
        TrainingSample sample = TrainingSample.of(pool, cap);
        KneserNeyTrainer t = new KneserNeyTrainer(order, cap);
        outer:
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < docs.size(); i++) {
                if (!sample.admits(ids.get(i) + "~" + c)) {
                    continue;
                }
                for (List<String> s : docs.get(i)) {
                    if (!t.add(s)) {
                        break outer;
                    }
                }
            }
        }
        long trained = t.tokens();
        KneserNeyModel m = t.build();
        double secs = (System.nanoTime() - t0) / 1e9;
        long heap = usedAfterGc() - base;
        PerplexityResult r = m.evaluate(heldOut);
        long ngrams = 0;
        for (int k = 1; k <= order; k++) {
            ngrams += m.ngrams(k);
        }
        Path f = tmpDir.resolve("cap-" + copies + "-" + cap + ".tglm");
        m.save(f);
        long bytes;
        try {
            bytes = Files.size(f);
            Files.delete(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Row(copies, cap, pool, trained, ngrams, r.tokens(), r.perplexityIncludingOovs(), r.oovs(), bytes,
                heap, secs);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
