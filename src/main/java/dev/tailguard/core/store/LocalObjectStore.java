package dev.tailguard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link ObjectStore} on a local folder: key {@code a/b/c} is the file {@code root/a/b/c}. Writes go to a temporary
 * file in the same folder and are moved into place, so a reader never sees a half-written object. Files are created
 * with the default permissions ({@code rw-rw-rw-} less the process umask), like any other tool's output. Keys are
 * checked by {@link StoreKeys}; a key never resolves outside the root, also not through a symbolic link.
 */
public final class LocalObjectStore implements ObjectStore {

    private final Path root;
    private final Path realRoot;

    /** A store rooted at the folder (created when absent). */
    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store root " + this.root, e);
        }
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    /**
     * The file that holds the key.
     *
     * @throws StoreKeyException for a key {@link StoreKeys} refuses, or one whose existing part resolves (through a
     *                           symbolic link) outside the root
     */
    public Path resolve(String key) {
        Path p = root.resolve(StoreKeys.normalize(key)).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new StoreKeyException(StoreKeyException.Reason.ESCAPES_ROOT, key, "outside the store root");
        }
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null && !existing.toRealPath().startsWith(realRoot)) {
                throw new StoreKeyException(StoreKeyException.Reason.ESCAPES_ROOT, key,
                        "a symbolic link leads outside the store root");
            }
        } catch (IOException e) {
            throw new StoreKeyException(StoreKeyException.Reason.ESCAPES_ROOT, key,
                    "cannot resolve (dangling symbolic link?): " + e.getClass().getSimpleName());
        }
        return p;
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = tempFile(target);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(content);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Atomic create-once: the content is staged in a temporary file and hard-linked to the key (fails if present). */
    @Override
    public boolean putIfAbsent(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = tempFile(target);
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.createLink(target, tmp);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = tempFile(target);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Files.copy(file, out);
            }
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh temporary name next to the target. Created by the caller with {@code CREATE_NEW} and default
     * permissions ({@code Files.createTempFile} would force {@code rw-------} on every object).
     */
    private static Path tempFile(Path target) {
        return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static final String TEMP_PREFIX = ".put-";

    /**
     * Deletes the temporary files staged for keys starting with the prefix ({@code .put-<name>.<uuid>.tmp} next to
     * the key) last modified before the cut-off: what a writer killed between staging and moving into place leaves
     * behind. Newer ones are kept: they may belong to a live writer.
     */
    @Override
    public void removeTemporaries(String keyPrefix, java.time.Instant modifiedBefore) throws IOException {
        int slash = keyPrefix.lastIndexOf('/');
        String folder = slash < 0 ? "" : keyPrefix.substring(0, slash);
        String namePrefix = keyPrefix.substring(slash + 1);
        Path dir = folder.isEmpty() ? root : resolve(folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(TEMP_PREFIX + namePrefix) && n.endsWith(".tmp") && modifiedBefore(f, modifiedBefore)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static boolean modifiedBefore(Path f, java.time.Instant cutoff) throws IOException {
        try {
            return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
        } catch (NoSuchFileException e) {
            return false; // its writer moved it into place meanwhile
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Path p = resolve(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(StoreKeys.printable(key));
        }
        return Files.newInputStream(p);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        StoreKeys.normalizePrefix(prefix);
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        int cut = prefix.lastIndexOf('/');
        Path start = cut < 0 ? root : root.resolve(prefix.substring(0, cut)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start) || !start.toRealPath().startsWith(realRoot)) {
            return keys;
        }
        // walkFileTree (links not followed) tolerates entries that vanish while it runs: another worker's temp file
        // renamed or deleted between the directory read and its stat is simply not listed.
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                String k = root.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                if (attrs.isRegularFile() && k.startsWith(prefix) && !(name.startsWith(".put-") && name.endsWith(".tmp"))) {
                    keys.add(k);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public String describe(String key) {
        return resolve(key).toString();
    }
}
