package dev.tailguard.core.pipeline;

import dev.tailguard.core.collapse.CollapseServices;
import dev.tailguard.core.io.AllowedRoots;
import dev.tailguard.core.io.Documents;
import dev.tailguard.core.io.InputSources;
import dev.tailguard.core.io.JsonlLine;
import dev.tailguard.core.io.ReadOptions;
import dev.tailguard.core.io.ShardWriter;
import dev.tailguard.core.io.SourceReader;
import dev.tailguard.core.pipeline.runner.RunContext;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.store.StoreKeyException;
import dev.tailguard.core.text.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ingest step of the generate stage, separate from generation: resolves the run's inputs
 * ({@link InputSources}: files, folders, {@code store:} keys and prefixes; JSONL plain/gzip/zstd or Parquet), reads
 * them with the deployment's {@link ReadOptions} (text field, line limit, provenance of external input kept only as
 * a claim), writes valid documents to {@code input/} and every rejected line to {@code quarantine/} with its typed
 * reason ({@code lone_surrogate}, {@code trailing_data}, ...), holds out the collapse anchor ({@link AnchorIngest})
 * and splits the real documents into seed ranges. One sequential pass, so the first of two lines with the same id
 * wins.
 *
 * <p>Local paths are allowed exactly as the frozen run names them: inputs of events were checked against
 * {@code tailguard.input.allowed-roots} when the run was admitted, and the CLI names its own files. Store keys are
 * still checked here ({@code ..}, other runs' objects).
 */
final class InputIngest {

    private final RunContext ctx;
    private final ReadOptions read;
    private final AllowedRoots roots;
    private final CollapseServices collapse;

    InputIngest(RunContext ctx, ReadOptions read) {
        this(ctx, read, CollapseServices.defaults());
    }

    InputIngest(RunContext ctx, ReadOptions read, CollapseServices collapse) {
        this.ctx = ctx;
        this.collapse = collapse;
        this.read = read.withMaxLineBytes(ctx.config().maxLineBytes());
        List<String> named = new ArrayList<>(ctx.run().inputs());
        named.addAll(ctx.run().synthetic());
        this.roots = localRoots(named);
    }

    /** The local paths among the specs, as the only allowed roots. */
    static AllowedRoots localRoots(List<String> specs) {
        List<Path> local = new ArrayList<>();
        for (String s : specs) {
            if (s == null || s.startsWith("store:")) {
                continue;
            }
            try {
                Path p = Path.of(s.startsWith("file:") ? s.substring("file:".length()) : s);
                if (p.isAbsolute() || p.toFile().exists()) {
                    local.add(p);
                }
            } catch (InvalidPathException e) {
                // an object key, not a path
            }
        }
        return AllowedRoots.of(local);
    }

    /** Ingests the real inputs; throws {@link PipelineFailure} on an unreadable, missing, refused or empty input. */
    GenerateStage.Ingested run() {
        RunConfig cfg = ctx.config();
        RunLayout layout = ctx.layout();
        ObjectStore store = ctx.store();
        List<String> inputs = ctx.run().inputs();
        if (inputs == null || inputs.isEmpty()) {
            throw new PipelineFailure(GenerateStage.STAGE, "no input given");
        }
        List<GenerateStage.InputStat> stats = new ArrayList<>();
        ShardWriter input = new ShardWriter(store, layout.prefix("input"), "part", cfg.zstd(), cfg.shardSize());
        ShardWriter malformed = new ShardWriter(store, layout.prefix("quarantine"), "malformed", cfg.zstd(), cfg.shardSize());
        TaskRanges ranges = new TaskRanges(ctx.run().limits(), "real", 0);
        String suffix = cfg.zstd() ? ".jsonl.zst" : ".jsonl";
        Set<String> seenIds = new HashSet<>();
        AnchorIngest anchor = AnchorIngest.start(store, ctx.run().anchor(),
                ctx.run().anchor() != null ? AnchorIngest.Lineage.of(List.of()) : lineage(inputs),
                collapse.settings());
        long linesRead = 0;
        long[] tokens = {0};
        try {
            for (String spec : inputs) {
                long specDocs = 0;
                long specLines = 0;
                for (InputSources.Source src : sources(spec, "input")) {
                    long[] c = new long[3];
                    read(src, "input", l -> {
                        c[0]++;
                        JsonlLine line = unique(l, seenIds, "");
                        if (line.valid() && anchor.holdOut(line.document())) {
                            c[1]++;
                        } else if (line.valid()) {
                            c[1]++;
                            ranges.add(layout.prefix("input") + "part" + String.format("-%05d", input.total() / cfg.shardSize())
                                    + suffix, TaskRanges.utf8(line.document().text()));
                            input.write(Documents.toMap(line.document()));
                            tokens[0] += Tokenizer.words(line.document().text()).size();
                        } else {
                            c[2]++;
                            malformed.write(Quarantine.line(line));
                        }
                    });
                    stats.add(new GenerateStage.InputStat(src.name(), c[0], c[1], c[2]));
                    specLines += c[0];
                    specDocs += c[1];
                }
                linesRead += specLines;
                if (specDocs == 0) {
                    throw new PipelineFailure(GenerateStage.STAGE, specLines == 0 ? "input file is empty: " + spec
                            : "no valid document in " + spec + " (" + specLines + " lines, all malformed; see quarantine/)");
                }
            }
        } finally {
            input.close();
            malformed.close();
        }
        AnchorUse anchorUse = anchor.finish(store, collapse);
        SyntheticIngest.Brought brought = ctx.run().bringsSynthetic()
                ? SyntheticIngest.ingest(ctx, seenIds, this) : null;
        return new GenerateStage.Ingested(1, stats, linesRead, input.total(), input.keys(), malformed.keys(),
                malformed.total(), ranges.finish(), anchorUse, brought, tokens[0], null);
    }

    /** A valid line whose id was seen before becomes an {@code invalid_field} rejection. */
    static JsonlLine unique(JsonlLine l, Set<String> seenIds, String where) {
        if (l.valid() && !seenIds.add(l.document().id())) {
            return new JsonlLine(l.file(), l.line(), null, "invalid_field",
                    "duplicate id \"" + l.document().id() + "\"" + where, l.document().id());
        }
        return l;
    }

    /** First pass over the valid input documents: does the input have Tailguard lineage, and which parent runs. */
    private AnchorIngest.Lineage lineage(List<String> inputs) {
        AnchorIngest.Lineage[] lin = {AnchorIngest.Lineage.of(inputs)};
        for (String spec : inputs) {
            for (InputSources.Source src : sources(spec, "input")) {
                read(src, "input", l -> {
                    if (l.valid()) {
                        lin[0] = lin[0].with(l.document());
                    }
                });
            }
        }
        return lin[0];
    }

    /**
     * The sources one spec stands for.
     *
     * @param what {@code input} or {@code synthetic input}, for the failure message
     */
    List<InputSources.Source> sources(String spec, String what) {
        try {
            return InputSources.resolve(spec, ctx.store(), roots, ctx.runId());
        } catch (StoreKeyException e) {
            throw new PipelineFailure(GenerateStage.STAGE, what + " refused: " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new PipelineFailure(GenerateStage.STAGE, what + " file not found: " + spec);
        } catch (IOException | UncheckedIOException e) {
            throw new PipelineFailure(GenerateStage.STAGE, "cannot read " + what + " " + spec + ": " + e.getMessage());
        }
    }

    /** Streams one source's lines; a read failure becomes a {@link PipelineFailure} naming the source. */
    void read(InputSources.Source src, String what, Consumer<JsonlLine> onLine) {
        try {
            SourceReader.forEach(src, read, onLine);
        } catch (IOException | UncheckedIOException e) {
            throw new PipelineFailure(GenerateStage.STAGE, "cannot read " + what + " " + src.name() + ": " + e.getMessage());
        }
    }
}
