package dev.tailguard.core.io;

import dev.tailguard.core.store.StoreKeyException;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Local folders (or single files) inputs may be read from ({@code tailguard.input.allowed-roots}, comma-separated).
 * None by default in server mode: every input then comes from the object store. The embedded CLI allows exactly
 * the paths it is given ({@link #of}). A path is allowed when its real path (symbolic links resolved) lies under
 * the real path of a root.
 */
public final class AllowedRoots {

    /** Config key: comma-separated local folders inputs may be read from; empty = none. */
    public static final String KEY = "tailguard.input.allowed-roots";

    private final List<Path> roots;

    private AllowedRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** No local input at all (the server default). */
    public static AllowedRoots none() {
        return new AllowedRoots(List.of());
    }

    /** Exactly these paths (files or folders); missing ones are kept as given and match nothing that exists. */
    public static AllowedRoots of(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(real(p));
        }
        return new AllowedRoots(out);
    }

    /** From the comma-separated value of {@link #KEY}; null or blank = {@link #none()}. */
    public static AllowedRoots parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return none();
        }
        List<Path> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                Path p = Path.of(s);
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException(KEY + ": '" + s + "' is not an absolute path");
                }
                out.add(p);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(KEY + ": '" + s + "' is not a path: " + e.getMessage());
            }
        }
        return of(out);
    }

    /** Whether no local path is allowed. */
    public boolean isEmpty() {
        return roots.isEmpty();
    }

    /** The roots, real paths where they exist. */
    public List<Path> roots() {
        return roots;
    }

    /**
     * The real path of an existing local file or folder, checked to lie under a root.
     *
     * @throws StoreKeyException {@link StoreKeyException.Reason#NOT_ALLOWED} otherwise
     */
    public Path check(Path p) {
        Path real = real(p);
        for (Path r : roots) {
            if (real.startsWith(r)) {
                return real;
            }
        }
        throw new StoreKeyException(StoreKeyException.Reason.NOT_ALLOWED, p.toString(), roots.isEmpty()
                ? "local inputs are not allowed here (" + KEY + " is empty); put the corpus in the object store"
                : "not under an allowed root (" + KEY + ")");
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
