package dev.tailguard.core.io;

import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.core.store.StoreKeyException;
import dev.tailguard.core.store.StoreKeys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves one input spec of a run into the JSONL sources it stands for, enforcing where inputs may come from.
 * <ul>
 *   <li>{@code store:<key>}: an object of the store; {@code store:<prefix>/} (or a key that is a "folder") reads
 *       every {@code *.jsonl}, {@code *.jsonl.gz}, {@code *.jsonl.zst}, {@code *.parquet} object under it in key order.</li>
 *   <li>{@code file:<path>}, an absolute path, or a relative path that exists locally: a local file or folder,
 *       only when under {@link AllowedRoots} (none by default in server mode); a folder reads its
 *       {@code *.jsonl[.gz|.zst]} and {@code *.parquet} files (not recursive) in file-name order.</li>
 *   <li>anything else: an object key of the store.</li>
 * </ul>
 * Store keys are checked by {@link StoreKeys#inputForRun} (no {@code ..}, no other run's objects except its
 * published {@code blended/} output). Refusals are
 * {@link StoreKeyException}s (client errors); a missing input is a {@link NoSuchFileException}; a folder or prefix
 * with no JSONL file is an {@link IOException} naming it. Each source decompresses by content
 * ({@link Compression#decoding}).
 */
public final class InputSources {

    private InputSources() {
    }

    /**
     * A readable input: its name (for quarantine lines and default ids) and how to open it decompressed.
     *
     * @param tailguardOutput whether the source is a run's published output in the store
     *                        ({@code runs/<id>/blended/...}, written by Tailguard): only then is its provenance
     *                        metadata read as provenance (see {@link ReadOptions#forSource})
     */
    public record Source(String name, Opener opener, boolean tailguardOutput) {

        /** An external source (a local file or an uploaded object): its provenance is only a claim. */
        public Source(String name, Opener opener) {
            this(name, opener, false);
        }

        /** Opens the decompressed bytes. */
        public InputStream open() throws IOException {
            return Compression.decoding(name, opener.open());
        }
    }

    /** Opens the raw bytes of a source. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Whether a file or key name is a JSONL input ({@code .jsonl}, {@code .jsonl.gz}, {@code .jsonl.zst}). */
    public static boolean isJsonl(String name) {
        return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".jsonl.zst");
    }

    /**
     * Whether a file or key name found in an input folder or prefix is read: JSONL ({@link #isJsonl}) or
     * {@code .parquet} ({@link SourceReader}).
     */
    public static boolean isInput(String name) {
        return isJsonl(name) || name.endsWith(".parquet");
    }

    /**
     * The sources of one input spec, in reading order.
     *
     * @param runId the run reading them (its own {@code runs/<runId>/} objects are allowed, other runs' are not)
     * @throws StoreKeyException  for a refused key or a local path outside the allowed roots
     * @throws NoSuchFileException when nothing exists under the spec
     * @throws IOException         for an empty folder/prefix or a store failure
     */
    public static List<Source> resolve(String spec, ObjectStore store, AllowedRoots roots, String runId)
            throws IOException {
        if (spec == null || spec.isBlank()) {
            throw new StoreKeyException(StoreKeyException.Reason.EMPTY, spec, "empty input");
        }
        if (spec.startsWith("store:")) {
            return fromStore(spec.substring("store:".length()), store, runId);
        }
        Path local = localPath(spec);
        if (local != null) {
            return fromLocal(local, roots);
        }
        return fromStore(spec, store, runId);
    }

    /** Every source of every spec, in order. */
    public static List<Source> resolveAll(List<String> specs, ObjectStore store, AllowedRoots roots, String runId)
            throws IOException {
        List<Source> out = new ArrayList<>();
        for (String s : specs) {
            out.addAll(resolve(s, store, roots, runId));
        }
        return out;
    }

    private static Path localPath(String spec) {
        String s = spec.startsWith("file:") ? spec.substring("file:".length()) : spec;
        Path p;
        try {
            p = Path.of(s);
        } catch (InvalidPathException e) {
            if (spec.startsWith("file:")) {
                throw new StoreKeyException(StoreKeyException.Reason.NOT_ALLOWED, spec, "not a path");
            }
            return null;
        }
        boolean explicit = spec.startsWith("file:") || p.isAbsolute();
        return explicit || Files.exists(p) ? p : null;
    }

    private static List<Source> fromLocal(Path p, AllowedRoots roots) throws IOException {
        if (!Files.exists(p)) {
            roots.check(p);
            throw new NoSuchFileException(p.toString(), null, "input not found");
        }
        Path real = roots.check(p);
        if (!Files.isDirectory(real)) {
            return List.of(new Source(p.toString(), () -> Files.newInputStream(real)));
        }
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(real)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (isInput(name) && Files.isRegularFile(f)) {
                    Path rf = roots.check(f);
                    out.add(new Source(p.resolve(name).toString(), () -> Files.newInputStream(rf)));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("input folder " + p + " holds no *.jsonl, *.jsonl.gz, *.jsonl.zst or *.parquet file");
        }
        return out;
    }

    private static List<Source> fromStore(String key, ObjectStore store, String runId) throws IOException {
        boolean folder = key.endsWith("/");
        if (!folder) {
            String k = StoreKeys.inputForRun(runId, key);
            if (store.exists(k)) {
                return List.of(new Source(k, () -> store.open(k), StoreKeys.isPublishedOutput(k)));
            }
        }
        String prefix = folder ? key : key + "/";
        StoreKeys.inputForRun(runId, prefix + "x");
        List<Source> out = new ArrayList<>();
        for (String k : store.list(prefix)) {
            if (isInput(k)) {
                out.add(new Source(k, () -> store.open(k), StoreKeys.isPublishedOutput(k)));
            }
        }
        if (out.isEmpty()) {
            if (!folder && store.list(prefix).isEmpty()) {
                throw new NoSuchFileException(store.describe(key), null, "no such input object");
            }
            throw new IOException("input prefix " + store.describe(prefix.substring(0, prefix.length() - 1))
                    + "/ holds no *.jsonl, *.jsonl.gz, *.jsonl.zst or *.parquet object");
        }
        return out;
    }
}
