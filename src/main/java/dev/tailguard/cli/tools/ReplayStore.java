package dev.tailguard.cli.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The server's local store folder as {@link AdversarialReplay} sees it: files under a run, the run folders, and the
 * small corpus the replay writes as its input. Read-only except for the replay's own input files.
 */
final class ReplayStore {

    private final Path root;

    ReplayStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Number of regular files under {@code runs/<runId>/} (0 when the folder does not exist). */
    long filesOf(String runId) {
        Path dir = root.resolve("runs").resolve(runId);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run folders under {@code runs/}. */
    Set<String> runs() {
        Path dir = root.resolve("runs");
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    boolean exists(String key) {
        return Files.exists(root.resolve(key));
    }

    /** The object's text, if it exists. */
    Optional<String> read(String key) {
        Path p = root.resolve(key);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of the JSONL objects under {@code runs/<runId>/<folder>/} (shards only, not manifests). */
    long linesUnder(String runId, String folder) {
        Path dir = root.resolve("runs").resolve(runId).resolve(folder);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).mapToLong(ReplayStore::lines).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pick(Random rnd, String[] words) {
        return words[rnd.nextInt(words.length)];
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p, StandardCharsets.UTF_8)) {
            return s.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the replay corpus as the object {@code key} and returns the key. */
    String writeInput(String key, int documents) {
        write(root.resolve(key), documents);
        return key;
    }

    /**
     * Writes {@code documents} JSONL documents of 6–11 sentences each to {@code file}: seeded sentences from three
     * templates ("The quiet miller carried the lantern across the old bridge.") over word lists large enough that
     * 5-grams rarely repeat inside a document (web-text quality filters drop repetitive text) and small enough that
     * n-gram contexts recur across documents (a generator has something to recombine). Ids {@code adv-<n>}. Not taken
     * from any corpus.
     */
    static Path write(Path file, int documents) {
        String[] adj = "quiet old small bright cold distant busy narrow green heavy gentle silent early broken".split(" ");
        String[] noun = ("miller farmer sailor teacher lantern bridge river market letter garden harbor window "
                + "village engine orchard doctor baker stranger wagon chapel meadow tower kettle ribbon "
                + "painter fisherman clerk shepherd ferry mill").split(" ");
        String[] verb = ("carried found watched repaired painted opened followed crossed visited cleaned "
                + "described remembered guarded finished moved").split(" ");
        String[] prep = "across near behind beside under over toward past".split(" ");
        Random rnd = new Random(13);
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            int sentences = 6 + rnd.nextInt(6);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < sentences; i++) {
                text.append(i == 0 ? "" : " ");
                switch (rnd.nextInt(3)) {
                    case 0 -> text.append("The ").append(pick(rnd, adj)).append(' ').append(pick(rnd, noun)).append(' ')
                            .append(pick(rnd, verb)).append(" the ").append(pick(rnd, noun)).append(' ')
                            .append(pick(rnd, prep)).append(" the ").append(pick(rnd, adj)).append(' ')
                            .append(pick(rnd, noun)).append('.');
                    case 1 -> text.append("A ").append(pick(rnd, noun)).append(" of the ").append(pick(rnd, noun))
                            .append(' ').append(pick(rnd, verb)).append(" it to the ").append(pick(rnd, noun))
                            .append(" with a ").append(pick(rnd, adj)).append(' ').append(pick(rnd, noun)).append('.');
                    default -> text.append("After the ").append(pick(rnd, noun)).append(", the ").append(pick(rnd, adj))
                            .append(' ').append(pick(rnd, noun)).append(' ').append(pick(rnd, verb))
                            .append(" that ").append(pick(rnd, noun)).append(" and ").append(pick(rnd, verb))
                            .append(" the ").append(pick(rnd, noun)).append('.');
                }
            }
            sb.append("{\"id\":\"adv-").append(d).append("\",\"text\":\"").append(text).append("\"}\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
