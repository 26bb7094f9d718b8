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
import dev.tailguard.core.pipeline.runner.LiveDocuments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The ingest step of the generate stage, separate from generation: resolves the run's inputs
 * ({@link InputSources}: files, folders, {@code store:} keys and prefixes; JSONL plain/gzip/zstd or Parquet), reads
 * them with the deployment's {@link ReadOptions} (text field, line limit, provenance of external input kept only as
 * a claim), writes valid documents to {@code input/} and every rejected line to {@code quarantine/} with its typed
 * reason ({@code lone_surrogate}, {@code trailing_data}, ...), holds out the collapse anchor ({@link AnchorIngest})
 * and splits the real documents into seed ranges. The lines are handled in input order (parsing runs ahead on a
 * second thread), so the first of two lines with the same id wins.
 *
 * <p>Local paths are allowed exactly as the frozen run names them: inputs of events were checked against
 * {@code tailguard.input.allowed-roots} when the run was admitted, and the CLI names its own files. Store keys are
 * still checked here ({@code ..}, other runs' objects).
 */
final class InputIngest {

    /**
     * Bytes of JSON lines after which an input shard ends even below {@code tailguard.output.shard-size} records: the
     * generate, score and blend tasks that start inside a shard skip its earlier lines, so with large documents a
     * count-only bound made that skip grow with the corpus (issue 12).
     */
    static final long INPUT_SHARD_BYTES = 8L << 20;

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

    /**
     * Ingests the real inputs; throws {@link PipelineFailure} on an unreadable, missing, refused or empty input.
     * A run without an explicit anchor and without a {@code runs/<id>/} input finds its lineage in the same pass that
     * freezes its anchor (the common root run reads its input once); only when that pass finds Tailguard lineage are
     * its outputs deleted and the input read again with the parent's anchor.
     */
    GenerateStage.Ingested run() {
        return run(null).ingested();
    }

    /** What the ingest found, and the generator model trained alongside (null without a trainer). */
    record Result(GenerateStage.Ingested ingested, GeneratorLm.Trained generatorLm) {
    }

    /** Trains the generator's model from the ingested input shards and their token count. */
    interface Trainer {
        GeneratorLm.Trained train(List<String> inputKeys, long realTokens);
    }

    /**
     * Ingests the real inputs, then trains the generator's model with {@code trainer} (when not null) on a second
     * thread while this one freezes the anchor.
     */
    Result run(Trainer trainer) {
        List<String> inputs = ctx.run().inputs();
        if (inputs == null || inputs.isEmpty()) {
            throw new PipelineFailure(GenerateStage.STAGE, "no input given");
        }
        ObjectStore store = ctx.store();
        String explicit = ctx.run().anchor();
        AnchorIngest.Lineage byPath = AnchorIngest.Lineage.of(inputs);
        Pass pass;
        if (explicit != null) {
            pass = ingest(AnchorIngest.start(store, explicit, AnchorIngest.Lineage.of(List.of()), collapse.settings()), null);
        } else if (byPath.syntheticOrigin()) {
            pass = ingest(AnchorIngest.start(store, null, lineage(inputs), collapse.settings()), null);
        } else {
            pass = ingest(AnchorIngest.start(store, null, byPath, collapse.settings()), byPath);
            if (pass.lineage().syntheticOrigin()) {
                pass.discard(store);
                pass = ingest(AnchorIngest.start(store, null, pass.lineage(), collapse.settings()), null);
            }
        }
        Pass done = pass;
        CompletableFuture<GeneratorLm.Trained> lm = trainer == null || ctx.run().bringsSynthetic() ? null
                : Background.start("tailguard-generator-lm", () -> trainer.train(done.input().keys(), done.tokens()));
        AnchorUse anchorUse = pass.anchor().finish(store, collapse);
        SyntheticIngest.Brought brought = ctx.run().bringsSynthetic()
                ? SyntheticIngest.ingest(ctx, pass.seenIds(), this) : null;
        GeneratorLm.Trained trained = lm == null ? null : Background.join(lm);
        pass.copies().write(store, ctx.work().artifact(GenerateStage.STAGE, SeedCopies.ARTIFACT));
        return new Result(new GenerateStage.Ingested(1, pass.stats(), pass.linesRead(), pass.input().total(),
                pass.input().keys(), pass.malformed().keys(), pass.malformed().total(), pass.ranges(), anchorUse, brought,
                pass.tokens(), trained == null ? null : trained.info(),
                List.of(pass.foldTokens()[0], pass.foldTokens()[1]), pass.copies().copies()), trained);
    }

    /**
     * One pass over the inputs.
     *
     * @param lineage the lineage found on the way (the starting one when the pass did not look)
     */
    private record Pass(List<GenerateStage.InputStat> stats, long linesRead, ShardWriter input, ShardWriter malformed,
                        List<dev.tailguard.core.pipeline.runner.TaskSpec> ranges, AnchorIngest anchor,
                        AnchorIngest.Lineage lineage, SeenIds seenIds, long tokens, long[] foldTokens,
                        SeedCopies copies) {

        /** Deletes what the pass wrote (its lineage asks for another anchor). */
        void discard(ObjectStore store) {
            List<String> keys = new ArrayList<>(input.keys());
            keys.addAll(malformed.keys());
            try {
                for (String k : keys) {
                    store.delete(k);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Reads every input once, in order: lines are read, parsed and tokenised on a second thread
     * ({@link ParsedLines}) while this one checks ids, holds out the anchor and writes the shards, so the result is
     * that of a sequential pass. Each line read advances the live progress counter {@link GenerateStage#INGEST_PROGRESS}.
     *
     * @param lineage the lineage to extend with every valid document, or null when it is already known
     */
    private Pass ingest(AnchorIngest anchor, AnchorIngest.Lineage lineage) {
        RunConfig cfg = ctx.config();
        RunLayout layout = ctx.layout();
        ObjectStore store = ctx.store();
        List<GenerateStage.InputStat> stats = new ArrayList<>();
        ShardWriter input = new ShardWriter(store, layout.prefix("input"), "part", cfg.zstd(), cfg.shardSize(),
                INPUT_SHARD_BYTES);
        ShardWriter malformed = new ShardWriter(store, layout.prefix("quarantine"), "malformed", cfg.zstd(), cfg.shardSize());
        TaskRanges ranges = new TaskRanges(ctx.run().limits(), "real", 0);
        SeenIds seenIds = new SeenIds();
        AnchorIngest.Lineage[] lin = {lineage};
        long linesRead = 0;
        long[] tokens = {0};
        long[] foldTokens = {0, 0};
        SeedCopies copies = new SeedCopies();
        try (ParsedLines parsed = new ParsedLines(this, ctx.run().inputs());
             LiveDocuments.Scope live = LiveDocuments.process().enter(ctx.runId(), GenerateStage.INGEST_PROGRESS)) {
            for (String spec : ctx.run().inputs()) {
                long specDocs = 0;
                long specLines = 0;
                ParsedLines.Source src;
                while ((src = parsed.nextSource(spec)) != null) {
                    long[] c = new long[3];
                    parsed.forEachLine(p -> {
                        c[0]++;
                        LiveDocuments.tick();
                        if (lin[0] != null && p.line().valid()) {
                            lin[0] = lin[0].with(p.line().document());
                        }
                        JsonlLine line = unique(p.line(), seenIds, "");
                        if (line.valid() && anchor.holdOut(line.document())) {
                            c[1]++;
                        } else if (line.valid()) {
                            c[1]++;
                            ranges.add(input.nextKey(), TaskRanges.utf8(line.document().text()));
                            input.write(Documents.toMap(line.document()));
                            copies.add(p.textKey());
                            tokens[0] += p.tokens();
                            foldTokens[ReferenceModels.fold(line.document().id())] += p.tokens();
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
        return new Pass(stats, linesRead, input, malformed, ranges.finish(), anchor, lin[0] == null ? lineage : lin[0],
                seenIds, tokens[0], foldTokens, copies);
    }

    /** A valid line whose id was seen before becomes an {@code invalid_field} rejection. */
    static JsonlLine unique(JsonlLine l, SeenIds seenIds, String where) {
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
