package dev.tailguard.cli.tools;

import dev.tailguard.core.io.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.lm.LmBench;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench lm --train FILE --test FILE [--order N] [--repeats R]}: LM train/query throughput, model bytes, load
 * time and loaded-model query rate ({@link LmBench}). {@code bench lm-cap [--input FILE.jsonl] [--order N]
 * [--copies 4,16] [--caps 1000000,2000000,4000000,0]}: held-out perplexity per training-token cap (0 = no cap) on
 * the corpus concatenated with unique ids ({@link LmCapBench}). Both print JSON; targets are read off the output,
 * never asserted in timed tests.
 */
final class LmBenchCommand {
    static final String USAGE = "usage: bench lm --train FILE --test FILE [--order N] [--repeats R]\n"
            + "       bench lm-cap [--input FILE.jsonl] [--order N] [--copies 4,16] [--caps 1000000,2000000,4000000,0]";

    private LmBenchCommand() {
    }

    static int execute(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> opt;
        try {
            opt = options(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        ObjectMapper om = Json.PRETTY;
        try {
            int order = Integer.parseInt(opt.getOrDefault("--order", "3"));
            if (args.get(0).equals("lm")) {
                if (!opt.containsKey("--train") || !opt.containsKey("--test")) {
                    err.println("bench: lm needs --train and --test\n" + USAGE);
                    return 2;
                }
                int repeats = Integer.parseInt(opt.getOrDefault("--repeats", "3"));
                out.println(om.writeValueAsString(LmBench.run(Path.of(opt.get("--train")), Path.of(opt.get("--test")),
                        order, repeats)));
                return 0;
            }
            int[] copies = Arrays.stream(opt.getOrDefault("--copies", "4,16").split(","))
                    .mapToInt(x -> Integer.parseInt(x.strip())).toArray();
            long[] caps = Arrays.stream(opt.getOrDefault("--caps", "1000000,2000000,4000000,0").split(","))
                    .mapToLong(x -> Long.parseLong(x.strip())).map(x -> x == 0 ? Long.MAX_VALUE : x).toArray();
            Path tmp = Files.createTempDirectory("tailguard-lm-cap");
            try {
                out.println(om.writeValueAsString(LmCapBench.run(Path.of(opt.getOrDefault("--input",
                        BenchCommand.DEFAULT_INPUT)), order, copies, caps, tmp)));
            } finally {
                Files.deleteIfExists(tmp);
            }
            return 0;
        } catch (NumberFormatException e) {
            err.println("bench: not a number: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            err.println("bench: " + e.getMessage());
            return 1;
        }
    }

    /** Option → value pairs; every option takes one value. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String a = args.get(i);
            if (!List.of("--train", "--test", "--order", "--repeats", "--input", "--copies", "--caps").contains(a)) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            m.put(a, args.get(i + 1));
        }
        return m;
    }
}
