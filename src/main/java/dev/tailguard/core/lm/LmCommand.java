package dev.tailguard.core.lm;

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
import java.util.List;

/**
 * The {@code lm} command: {@code lm --order N --train FILE --test FILE [--arpa OUT]}. Trains a KenLM-exact modified
 * Kneser-Ney model and prints one JSON object shaped like a model entry of the KenLM reference {@code expected.json},
 * with {@code discount_fallback} added per order.
 */
public final class LmCommand {
    static final String USAGE = "usage: lm --order N --train FILE --test FILE [--arpa OUT]   (N in 2..6; files: one"
            + " sentence per line, whitespace-separated tokens)";

    private LmCommand() {
    }

    /** Runs the command; returns 0 on success, 2 on a usage error, 1 on failure. */
    public static int execute(List<String> args, PrintStream out, PrintStream err) {
        Integer order = null;
        Path train = null;
        Path test = null;
        Path arpa = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.size()) {
                err.println("lm: missing value for " + a + "\n" + USAGE);
                return 2;
            }
            String v = args.get(++i);
            switch (a) {
                case "--order" -> {
                    try {
                        order = Integer.parseInt(v.strip());
                    } catch (NumberFormatException e) {
                        err.println("lm: --order must be an integer 2..6, got '" + v + "'");
                        return 2;
                    }
                }
                case "--train" -> train = Path.of(v);
                case "--test" -> test = Path.of(v);
                case "--arpa" -> arpa = Path.of(v);
                default -> {
                    err.println("lm: unknown option " + a + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (order == null || train == null || test == null) {
            err.println("lm: --order, --train and --test are required\n" + USAGE);
            return 2;
        }
        if (order < 2 || order > 6) {
            err.println("lm: --order must be between 2 and 6, got " + order);
            return 2;
        }
        for (Path p : new Path[] {train, test}) {
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                err.println("lm: file not found or not readable: " + p);
                return 1;
            }
        }
        try {
            KneserNeyTrainer trainer = new KneserNeyTrainer(order);
            for (List<String> s : SentenceFile.of(train)) {
                trainer.add(s);
            }
            KneserNeyModel model = trainer.build();
            if (arpa != null) {
                try (BufferedWriter w = Files.newBufferedWriter(arpa, StandardCharsets.UTF_8)) {
                    model.writeArpa(w);
                }
            }
            PerplexityResult r = model.evaluate(SentenceFile.of(test));
            out.println(new ObjectMapper().writeValueAsString(toJson(model, r)));
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("lm: " + e.getMessage());
            return 1;
        }
    }

    static ObjectNode toJson(KneserNeyModel model, PerplexityResult r) {
        ObjectMapper om = new ObjectMapper();
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
