package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.cli.tools.AdversarialReplay.Outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static dev.tailguard.cli.tools.AdversarialReplay.safeIf;

/**
 * Issue 13's input and command-line cases (W7) run through the packaged jar's {@code run} command as a child
 * process ({@code run --input … --out … [--config …]}, the flags 89058ef already had), each in a fresh store folder
 * under a temporary folder, with umask 022, a 384 MB heap and a time bound. Effects are read from the exit code, the
 * console and the run's files.
 */
final class ReplayJarCases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPORT_PATH = Pattern.compile("report: (\\S+report\\.json)");

    private final Path jar;
    private final Path dir;
    private final Duration bound;

    /** The console and exit code of one {@code run}, and its store folder. */
    record Run(int exit, String console, Path out) {
        /** The single run folder under {@code runs/}, if there is one. */
        Optional<Path> runDir() {
            try (Stream<Path> s = Files.list(out.resolve("runs"))) {
                return s.findFirst();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        JsonNode report() {
            return runDir().map(d -> d.resolve("report/report.json")).filter(Files::isRegularFile).map(p -> {
                try {
                    return JSON.readTree(p.toFile());
                } catch (IOException e) {
                    return (JsonNode) JSON.createObjectNode();
                }
            }).orElse(JSON.createObjectNode());
        }

        /** Quarantine lines of the run that contain {@code text}. */
        List<String> quarantined(String text) {
            List<String> hits = new ArrayList<>();
            runDir().map(d -> d.resolve("quarantine")).filter(Files::isDirectory).ifPresent(q -> {
                try (Stream<Path> files = Files.walk(q)) {
                    files.filter(Files::isRegularFile).forEach(f -> {
                        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                            lines.filter(l -> l.contains(text)).forEach(hits::add);
                        } catch (IOException | UncheckedIOException e) {
                            hits.add("(unreadable " + f.getFileName() + ")");
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return hits;
        }

        /** The document {@code id} in the run's {@code blended/} shards, if there. */
        Optional<JsonNode> blendedDocument(String id) {
            Optional<Path> b = runDir().map(d -> d.resolve("blended")).filter(Files::isDirectory);
            if (b.isEmpty()) {
                return Optional.empty();
            }
            try (Stream<Path> files = Files.list(b.get())) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl"))::iterator) {
                    for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (l.contains("\"" + id + "\"")) {
                            JsonNode n = JSON.readTree(l);
                            if (id.equals(n.path("id").asText())) {
                                return Optional.of(n);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Optional.empty();
        }

        String brief() {
            String last = console.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            return "exit " + exit + ", last line: " + ReplayHttp.cut(last.strip(), 140);
        }
    }

    ReplayJarCases(Path jar, String nonce, Duration bound) {
        this.jar = jar;
        this.bound = bound.compareTo(Duration.ofMinutes(3)) < 0 ? Duration.ofMinutes(3) : bound;
        try {
            this.dir = Files.createTempDirectory("tailguard-adversarial-cli-" + nonce);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Outcome> run() {
        List<Outcome> out = new ArrayList<>();
        out.add(oddLine("W7a", "a line whose text holds a lone surrogate \\ud800",
                "{\"id\":\"adv-odd\",\"text\":\"river stone \\ud800 lantern quiet market harbor\"}", "surrogate"));
        out.add(oddLine("W7b", "a JSON object followed by trailing bytes",
                "{\"id\":\"adv-odd\",\"text\":\"river stone lantern quiet market harbor\"} trailing", "trailing"));
        out.add(provenanceClaim());
        Run gz = gzipInput();
        out.add(safeIf(gz.exit() == 0 && gz.report().path("counts").path("malformed").asLong(-1) == 0, "W7d",
                "a .jsonl.gz input", gz.brief() + "; malformed " + gz.report().path("counts").path("malformed")));
        out.add(umask(gz));
        out.add(folderInput());
        out.add(configOfAnyName());
        out.add(configKeyTypo());
        out.add(storeInput());
        out.add(unwritableStore());
        return out;
    }

    private Outcome oddLine(String id, String sent, String line, String reasonWord) {
        Path in = corpusWith(id, line);
        Run r = run(id, List.of("--input", in.toString()));
        List<String> q = r.quarantined("adv-odd");
        boolean reasoned = q.stream().anyMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains(reasonWord));
        return safeIf(reasoned, id, sent, r.brief() + "; quarantined with a '" + reasonWord + "' reason: " + reasoned);
    }

    private Outcome provenanceClaim() {
        Path in = corpusWith("W7c", "{\"id\":\"adv-claim\",\"text\":\"The quiet miller carried the lantern across the"
                + " old bridge and the baker visited the chapel.\",\"metadata\":{\"kind\":\"synthetic\",\"generation\":3,"
                + "\"seed_ids\":[\"x\"],\"run_id\":\"evil\",\"generator\":\"llm\"}}");
        Run r = run("W7c", List.of("--input", in.toString()));
        Optional<JsonNode> blended = r.blendedDocument("adv-claim");
        boolean copied = blended.map(d -> d.path("metadata").path("kind").asText("").equals("synthetic")
                || d.path("metadata").path("run_id").asText("").equals("evil")).orElse(false);
        return safeIf(r.exit() == 0 && !copied, "W7c", "one real line with metadata kind=synthetic, run_id=evil,"
                + " generation=3", r.brief() + "; in blended/: " + blended.map(d -> copied
                ? "the claim copied as its provenance" : "kept, claim not copied").orElse("absent"));
    }

    private Run gzipInput() {
        Path plain = ReplayStore.write(dir.resolve("W7d-in/plain.jsonl"), ReplayEventCases.DOCUMENTS);
        Path gz = dir.resolve("W7d-in/corpus.jsonl.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run("W7d", List.of("--input", gz.toString()));
    }

    private Outcome umask(Run r) {
        String sent = "a run under umask 022 (files should be rw-r--r--)";
        List<String> tight = new ArrayList<>();
        long files = 0;
        if (r.runDir().isPresent()) {
            try (Stream<Path> s = Files.walk(r.runDir().get())) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    files++;
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    if (!perms.contains(PosixFilePermission.GROUP_READ) || !perms.contains(PosixFilePermission.OTHERS_READ)) {
                        tight.add(p.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files == 0) {
            return AdversarialReplay.skipped("W7i", sent, "W7d's run wrote no files (" + r.brief() + ")");
        }
        return safeIf(tight.isEmpty(), "W7i", sent, tight.size() + " of " + files + " files without group/other read"
                + (tight.isEmpty() ? "" : " (e.g. " + tight.get(0) + ")"));
    }

    private Outcome folderInput() {
        Path folder = dir.resolve("W7e-in");
        ReplayStore.write(folder.resolve("corpus.jsonl"), ReplayEventCases.DOCUMENTS);
        Run r = run("W7e", List.of("--input", folder.toString()));
        return safeIf(r.exit() == 0, "W7e", "a folder as --input", r.brief());
    }

    private Outcome configOfAnyName() {
        Path cfg = write(dir.resolve("W7f-tailguard.conf"), "tailguard.seed=777\n");
        Run r = run("W7f", List.of("--input", corpusWith("W7f", null).toString(), "--config", cfg.toString()));
        long seed = r.report().path("seed").asLong(-1);
        return safeIf(seed == 777, "W7f", "--config tailguard.conf holding tailguard.seed=777", r.brief()
                + "; report seed " + seed);
    }

    private Outcome configKeyTypo() {
        Path cfg = write(dir.resolve("W7g.properties"), "tailguard.synthetic-ration=0.5\n");
        Run r = run("W7g", List.of("--input", corpusWith("W7g", null).toString(), "--config", cfg.toString()));
        boolean named = r.console().contains("synthetic-ration");
        return safeIf(r.exit() != 0 && named, "W7g", "--config with the typo tailguard.synthetic-ration=0.5",
                r.brief() + "; key named: " + named);
    }

    private Outcome storeInput() {
        Path out = dir.resolve("W7h-out");
        ReplayStore.write(out.resolve("incoming/corpus.jsonl"), ReplayEventCases.DOCUMENTS);
        Run r = run(out, List.of("--input", "store:incoming/corpus.jsonl"));
        return safeIf(r.exit() == 0, "W7h", "--input store:incoming/corpus.jsonl (object in --out)", r.brief());
    }

    private Outcome unwritableStore() {
        Path file = write(dir.resolve("W7j-a-file"), "not a folder\n");
        Run r = run(file.resolve("store"), List.of("--input", corpusWith("W7j", null).toString()));
        Matcher m = REPORT_PATH.matcher(r.console());
        String named = m.find() ? m.group(1) : null;
        boolean phantom = named != null && !Files.exists(Path.of(named));
        return safeIf(r.exit() != 0 && !phantom, "W7j", "--out under a regular file (unwritable store)", r.brief()
                + (named == null ? "; names no report" : "; names " + named + (phantom ? ", which does not exist" : "")));
    }

    /** The replay corpus in a file of its own, plus {@code extra} as the last line when given. */
    private Path corpusWith(String id, String extra) {
        Path p = ReplayStore.write(dir.resolve(id + "-in.jsonl"), ReplayEventCases.DOCUMENTS);
        if (extra != null) {
            try {
                Files.writeString(p, extra + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private Run run(String id, List<String> args) {
        return run(dir.resolve(id + "-out"), args);
    }

    /** {@code java -jar JAR run ARGS --out OUT} under umask 022, killed after the bound (exit -1 then). */
    private Run run(Path out, List<String> args) {
        return run(out, args, bound);
    }

    /** Like {@link #run(Path, List)} in {@code dir/ID-out}, killed after {@code limit} (exit -1 then). */
    Run run(String id, List<String> args, Duration limit) {
        return run(dir.resolve(id + "-out"), args, limit);
    }

    /** The temporary folder this replay writes its inputs, stores and logs under. */
    Path dir() {
        return dir;
    }

    private Run run(Path out, List<String> args, Duration limit) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringBuilder cmd = new StringBuilder("umask 022; exec ").append(q(java)).append(" -Xmx384m -jar ")
                .append(q(jar.toString())).append(" run");
        args.forEach(a -> cmd.append(' ').append(q(a)));
        cmd.append(" --out ").append(q(out.toString()));
        Path log = dir.resolve(out.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", cmd.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TAILGUARD_") || k.startsWith("QUARKUS_"));
        try {
            Process p = pb.start();
            int exit;
            if (p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exit = -1;
            }
            return new Run(exit, new String(Files.readAllBytes(log), StandardCharsets.UTF_8), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted", out);
        }
    }

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static Path write(Path p, String text) {
        try {
            return Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
