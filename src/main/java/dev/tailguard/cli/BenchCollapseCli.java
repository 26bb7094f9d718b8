package dev.tailguard.cli;

import dev.tailguard.core.collapse.AnchorSplit;
import dev.tailguard.core.collapse.CollapseCalibration;
import dev.tailguard.core.collapse.CollapseConfig;
import dev.tailguard.core.collapse.CollapseThresholds;
import dev.tailguard.core.doc.Document;
import dev.tailguard.core.io.RealDocuments;
import dev.tailguard.embed.MiniLmEmbedder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tailguard bench collapse}: the in-memory collapse calibration table of one corpus
 * ({@link CollapseCalibration#run}: replace, accumulate, fresh-real control, word salad and the order-3 generator,
 * measured against a frozen anchor split off the corpus). A bad value names its flag (exit 2).
 */
@RegisterForReflection
@Command(name = "collapse", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Collapse calibration table of a JSONL corpus: each chain's verdict and signals with their"
                + " intervals, one Markdown row per chain point on stdout, then the control false-alarm count.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage error."})
public class BenchCollapseCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Real JSONL corpus, one {\"id\",\"text\",...} per line (.gz/.zst by content).")
    Path input;
    @Option(names = "--generations", paramLabel = "G", defaultValue = "3",
            description = "Generations of replace and accumulate, >= 1 (default ${DEFAULT-VALUE}).")
    int generations;
    @Option(names = "--control-seeds", paramLabel = "N", defaultValue = "10",
            description = "Seeds of the fresh-real control, >= 1 (default ${DEFAULT-VALUE}).")
    int controlSeeds;
    @Option(names = "--salt", paramLabel = "S", defaultValue = AnchorSplit.DEFAULT_SALT,
            description = "Salt of the anchor split (default ${DEFAULT-VALUE}).")
    String salt;
    @Option(names = "--no-embed", description = "Leave out the embedding signals (no MiniLM model loaded).")
    boolean noEmbed;

    @Override
    public Integer call() {
        int g = BenchCli.atLeast(spec, "--generations", List.of(generations), 1).get(0);
        int s = BenchCli.atLeast(spec, "--control-seeds", List.of(controlSeeds), 1).get(0);
        return Streams.run(spec, (out, err) -> run(g, s, out, err));
    }

    private int run(int gens, int seeds, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(input)) {
            err.println("bench collapse: input file not found: " + input);
            return TailguardCommand.FAILED;
        }
        try {
            List<Document> docs = RealDocuments.read(input);
            long t0 = System.nanoTime();
            out.println(CollapseCalibration.header());
            CollapseCalibration.Result r = CollapseCalibration.run(docs,
                    new AnchorSplit(AnchorSplit.DEFAULT_SHARE, salt), CollapseConfig.defaults(),
                    CollapseThresholds.defaults(), noEmbed ? null : new MiniLmEmbedder(), gens, seeds, out);
            out.printf(Locale.ROOT, "anchor: %d documents, %d tokens; real input %d tokens; control false alarms %d"
                            + " of %d; %.1fs%n", r.anchor().documents(), r.anchor().tokens(), r.realTokens(),
                    r.falseAlarms(), r.controls(), (System.nanoTime() - t0) / 1e9);
            return TailguardCommand.OK;
        } catch (IOException | RuntimeException e) {
            err.println("bench collapse: " + e.getMessage());
            return TailguardCommand.FAILED;
        }
    }
}
