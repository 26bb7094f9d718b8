package dev.tailguard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link ObjectStore} on a local folder: key {@code a/b/c} is the file {@code root/a/b/c}. Writes go to a temporary
 * file in the same folder and are moved into place, so a reader never sees a half-written object.
 */
public final class LocalObjectStore implements ObjectStore {

    private final Path root;

    /** A store rooted at the folder (created when absent). */
    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create store root " + this.root, e);
        }
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    /** The file that holds the key. Rejects keys that escape the root. */
    public Path resolve(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("object key escapes the store root: " + key);
        }
        return p;
    }

    @Override
    public void put(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            Files.write(tmp, content);
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
        Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            Files.write(tmp, content);
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
        Path tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
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
            throw new NoSuchFileException(key);
        }
        return Files.newInputStream(p);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        int cut = prefix.lastIndexOf('/');
        Path start = cut < 0 ? root : root.resolve(prefix.substring(0, cut)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return keys;
        }
        try (Stream<Path> s = Files.walk(start)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String k = root.relativize(p).toString().replace('\\', '/');
                String name = p.getFileName().toString();
                if (k.startsWith(prefix) && !(name.startsWith(".put-") && name.endsWith(".tmp"))) {
                    keys.add(k);
                }
            });
        }
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
