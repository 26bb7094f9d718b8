package dev.tailguard.cli.tools;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.lm.KneserNeyModel;
import dev.tailguard.core.lm.KneserNeyTrainer;
import dev.tailguard.core.lm.OrderStats;
import dev.tailguard.core.lm.PerplexityResult;
import dev.tailguard.core.lm.SentenceFile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code tailguard lm} (options parsed by {@code dev.tailguard.cli.LmCli} into {@link Args}). Train: {@code lm --order N --train FILE [--test FILE] [--arpa OUT] [--save MODEL]
 * [--max-training-tokens T]}; query a saved model without retraining: {@code lm --load MODEL --test FILE}. Trains a
 * KenLM-exact modified Kneser-Ney model (or loads one saved by {@code --save}) and, with {@code --test}, prints one
 * JSON object shaped like a model entry of the KenLM reference {@code expected.json}, with
 * {@code discount_fallback} added per order, plus {@code training_tokens} and {@code training_capped} when trained.
 */
public final class LmCommand {
    private LmCommand() {
    }

    /**
     * Parsed arguments.
     *
     * @param order n-gram order when training, else null
     * @param train training text, or null when loading
     * @param test held-out text to evaluate, or null
     * @param arpa ARPA output, or null
     * @param save binary model output, or null
     * @param load binary model input, or null
     * @param maxTrainingTokens training-token cap, or {@link Long#MAX_VALUE}
     */
    public record Args(Integer order, Path train, Path test, Path arpa, Path save, Path load, long maxTrainingTokens) {
    }

    /** Thrown by {@link #checked} for a usage error; the message names the option. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Trains (or loads), writes what {@code a} asks for and prints the evaluation JSON; returns 0, or 1 after an error
     * message on {@code err}.
     */
    public static int run(Args a, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        for (Path p : new Path[] {a.train(), a.test(), a.load()}) {
            if (p != null) {
                inputs.add(p);
            }
        }
        for (Path p : inputs) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                err.println("lm: file not found or not readable: " + p);
                return 1;
            }
        }
        try {
            KneserNeyModel model;
            KneserNeyTrainer trainer = null;
            if (a.load() != null) {
                model = KneserNeyModel.load(a.load());
            } else {
                trainer = new KneserNeyTrainer(a.order(), a.maxTrainingTokens());
                for (List<String> s : SentenceFile.of(a.train())) {
                    if (!trainer.add(s)) {
                        break;
                    }
                }
                model = trainer.build();
            }
            if (a.arpa() != null) {
                try (BufferedWriter w = Files.newBufferedWriter(a.arpa(), StandardCharsets.UTF_8)) {
                    model.writeArpa(w);
                }
            }
            if (a.save() != null) {
                model.save(a.save());
            }
            if (a.test() != null) {
                PerplexityResult r = model.evaluate(a.test());
                ObjectNode o = toJson(model, r);
                if (trainer != null) {
                    o.put("training_tokens", trainer.tokens());
                    o.put("training_capped", trainer.capped());
                }
                out.println(Json.MAPPER.writeValueAsString(o));
            }
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("lm: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The arguments when their combination makes sense: {@code --load} alone or {@code --order} with {@code --train},
     * and something to do; order in 2..6, cap positive.
     */
    public static Args checked(Args a) throws UsageException {
        Integer order = a.order();
        Path train = a.train();
        Path test = a.test();
        Path arpa = a.arpa();
        Path save = a.save();
        Path load = a.load();
        long cap = a.maxTrainingTokens();
        if (order != null && (order < 2 || order > 6)) {
            throw new UsageException("--order must be between 2 and 6, got " + order);
        }
        if (cap < 1) {
            throw new UsageException("--max-training-tokens must be between 1 and " + Long.MAX_VALUE + ", got " + cap);
        }
        if (load != null) {
            if (train != null || order != null || cap != Long.MAX_VALUE) {
                throw new UsageException("--load cannot be combined with --train, --order or --max-training-tokens");
            }
            if (test == null && arpa == null && save == null) {
                throw new UsageException("--load needs --test (or --arpa/--save to convert)");
            }
        } else {
            if (order == null || train == null) {
                throw new UsageException("--order and --train are required (or --load MODEL)");
            }
            if (test == null && arpa == null && save == null) {
                throw new UsageException("nothing to do: give --test, --arpa or --save");
            }
        }
        return a;
    }

    static ObjectNode toJson(KneserNeyModel model, PerplexityResult r) {
        ObjectMapper om = Json.MAPPER;
        ObjectNode o = om.createObjectNode();
        o.put("order", model.order());
        o.put("perplexity_including_oovs", r.perplexityIncludingOovs());
        o.put("perplexity_excluding_oovs", r.perplexityExcludingOovs());
        o.put("oovs", r.oovs());
        o.put("tokens", r.tokens());
        ArrayNode arr = o.putArray("adjusted_counts_and_discounts");
        for (OrderStats s : model.orderStats()) {
            ObjectNode e = arr.addObject();
            e.put("order", s.order());
            e.put("ngrams", s.ngrams());
            e.put("D1", (float) s.d1());
            e.put("D2", (float) s.d2());
            e.put("D3+", (float) s.d3plus());
            e.put("discount_fallback", s.discountFallback());
        }
        return o;
    }
}
