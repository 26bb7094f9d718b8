package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailguard.cli.tools.AdversarialReplay.Outcome;
import dev.tailguard.cli.tools.FakeOpenAiServer.Mode;
import dev.tailguard.cli.tools.FakeOpenAiServer.Seen;
import dev.tailguard.cli.tools.ReplayJarCases.Run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.tailguard.cli.tools.AdversarialReplay.safeIf;

/**
 * Issue 13's LLM cases (W6a-c, W8a-d) run through the packaged jar's {@code run} command with
 * {@code tailguard.generate.generator=llm} against {@link FakeOpenAiServer} on 127.0.0.1 (or a closed loopback port),
 * using only the keys 89058ef already knew ({@code tailguard.generate.llm.base-url}, {@code model}, {@code api-key};
 * every other LLM setting at the build's default). Each run is killed after {@link #LIMIT}; issue 13 asks that a down,
 * hanging or malformed endpoint stops the run within a minute with defaults, non-zero exit and no {@code succeeded}.
 */
final class ReplayLlmCases {

    /** Bound of each LLM run (issue 13: within a minute with defaults, plus JVM start). */
    static final Duration LIMIT = Duration.ofSeconds(75);
    /** Seed documents of each LLM run (issue 13's W6a observation used 20). */
    static final int DOCUMENTS = 20;

    private final ReplayJarCases jar;
    private final String nonce;

    ReplayLlmCases(ReplayJarCases jar, String nonce) {
        this.jar = jar;
        this.nonce = nonce;
    }

    List<Outcome> run() {
        List<Outcome> out = new ArrayList<>();
        out.add(failingEndpoint("W6a", "LLM endpoint down (connection refused on a free loopback port)", null));
        out.add(failingEndpoint("W6b", "LLM endpoint accepts and never answers", Mode.HANG));
        out.add(failingEndpoint("W6c", "LLM endpoint answers 200 with malformed JSON", Mode.MALFORMED));
        out.add(truncated());
        out.add(rateLimited());
        out.addAll(echoedKey());
        return out;
    }

    private Outcome failingEndpoint(String id, String sent, Mode mode) {
        FakeOpenAiServer server = mode == null ? null : new FakeOpenAiServer(mode, "");
        try {
            String base = server == null ? "http://127.0.0.1:" + freePort() + "/v1" : server.baseUrl();
            Timed t = llmRun(id, base, "sk-adv-" + nonce);
            if (t.refused()) {
                return t.skipped(id, sent);
            }
            Run r = t.run();
            String status = r.report().path("status").asText("(no report)");
            boolean safe = r.exit() > 0 && t.seconds() <= 60 && !"succeeded".equals(status);
            return safeIf(safe, id, sent, r.brief() + "; " + t.seconds() + " s" + (r.exit() == -1 ? " (killed at the "
                    + LIMIT.toSeconds() + " s bound)" : "") + "; report status " + status + "; synthetic "
                    + synthetic(r) + (server == null ? "" : "; requests " + server.seen().size()));
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private Outcome truncated() {
        try (FakeOpenAiServer server = new FakeOpenAiServer(Mode.LENGTH, "")) {
            Timed t = llmRun("W8b", server.baseUrl(), "sk-adv-" + nonce);
            if (t.refused()) {
                return t.skipped("W8b", "every completion cut at finish_reason=length");
            }
            long kept = keptCompletions(t.run());
            return safeIf(kept == 0, "W8b", "every completion cut at finish_reason=length", t.run().brief() + "; "
                    + t.seconds() + " s; requests " + server.seen().size() + "; synthetic " + synthetic(t.run())
                    + "; lines outside quarantine/ holding a cut completion: " + kept);
        }
    }

    private Outcome rateLimited() {
        try (FakeOpenAiServer server = new FakeOpenAiServer(Mode.RATE_LIMITED, "")) {
            Timed t = llmRun("W8c", server.baseUrl(), "sk-adv-" + nonce);
            if (t.refused()) {
                return t.skipped("W8c", "429 with retry-after-ms");
            }
            List<Seen> seen = server.seen();
            long minDelayMs = Long.MAX_VALUE;
            int retried = 0;
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).status() != 429) {
                    continue;
                }
                for (int j = i + 1; j < seen.size(); j++) {
                    if (seen.get(j).body().equals(seen.get(i).body())) {
                        minDelayMs = Math.min(minDelayMs, (seen.get(j).atNanos() - seen.get(i).atNanos()) / 1_000_000);
                        retried++;
                        break;
                    }
                }
            }
            String observed = t.run().brief() + "; " + t.seconds() + " s; 429s answered "
                    + seen.stream().filter(s -> s.status() == 429).count() + ", retried " + retried
                    + (retried == 0 ? "" : ", shortest delay to the retry " + minDelayMs + " ms (retry-after-ms "
                    + FakeOpenAiServer.RETRY_AFTER_MS + ")");
            if (retried == 0) {
                return AdversarialReplay.skipped("W8c", "429 with retry-after-ms: " + FakeOpenAiServer.RETRY_AFTER_MS,
                        observed);
            }
            return safeIf(minDelayMs >= FakeOpenAiServer.RETRY_AFTER_MS - 50, "W8c", "429 with retry-after-ms: "
                    + FakeOpenAiServer.RETRY_AFTER_MS + " on each request's first arrival", observed);
        }
    }

    /** W8d (key echoed JSON-escaped in every completion) and W8a (request field) from the same run. */
    private List<Outcome> echoedKey() {
        String key = "sk-adv/" + nonce + "-secret";
        try (FakeOpenAiServer server = new FakeOpenAiServer(Mode.ECHO, key.replace("/", "\\/"))) {
            Timed t = llmRun("W8d", server.baseUrl(), key);
            if (t.refused()) {
                return List.of(t.skipped("W8a", "request fields"), t.skipped("W8d", "the API key echoed in completions"));
            }
            List<String> leaks = filesHolding(t.run().out(), List.of(key, key.replace("/", "\\/")));
            Outcome w8d = safeIf(leaks.isEmpty(), "W8d", "the API key echoed JSON-escaped (\\/) in every completion",
                    t.run().brief() + "; " + t.seconds() + " s; synthetic " + synthetic(t.run())
                    + "; files under --out holding the key: " + leaks.size()
                    + (leaks.isEmpty() ? "" : " (e.g. " + leaks.get(0) + ")"));
            List<Seen> seen = server.seen();
            long mct = seen.stream().filter(s -> s.body().contains("\"max_completion_tokens\"")).count();
            long mt = seen.stream().filter(s -> s.body().contains("\"max_tokens\"")).count();
            String observed = "requests " + seen.size() + ": with max_completion_tokens " + mct + ", with max_tokens "
                    + mt;
            Outcome w8a = seen.isEmpty() ? AdversarialReplay.skipped("W8a", "request fields", "no request arrived")
                    : safeIf(mct == seen.size(), "W8a", "which token-limit field the request carries (defaults)",
                    observed);
            return List.of(w8a, w8d);
        }
    }

    private record Timed(Run run, long seconds) {
        /** The build refused the command line (usage error, no run folder): the case could not be set up. */
        boolean refused() {
            return run.exit() == 2 && run.runDir().isEmpty();
        }

        Outcome skipped(String id, String sent) {
            return AdversarialReplay.skipped(id, sent, "the build refused the run: " + ReplayHttp.cut(
                    run.console().lines().filter(l -> l.contains("tailguard")).findFirst().orElse(run.brief()).strip(),
                    160));
        }
    }

    private Timed llmRun(String id, String baseUrl, String key) {
        Path cfg = ReplayJarCases.write(jar.dir().resolve(id + "-llm.properties"),
                "tailguard.generate.generator=llm\ntailguard.generate.llm.base-url=" + baseUrl
                        + "\ntailguard.generate.llm.model=adv-model\ntailguard.generate.llm.api-key=" + key + "\n");
        Path in = ReplayStore.write(jar.dir().resolve(id + "-in.jsonl"), DOCUMENTS);
        long t0 = System.nanoTime();
        Run r = jar.run(id, List.of("--input", in.toString(), "--config", cfg.toString()), LIMIT);
        return new Timed(r, Math.round((System.nanoTime() - t0) / 1e9));
    }

    private static String synthetic(Run r) {
        JsonNode c = r.report().path("counts");
        return "generated " + c.path("synthetic_generated").asText("?") + ", blended "
                + c.path("synthetic_blended").asText("?") + ", quarantined " + c.path("synthetic_quarantined").asText("?");
    }

    /** Documents outside {@code quarantine/} (synthetic and blended shards) holding the fake completion's marker. */
    private static long keptCompletions(Run r) {
        if (r.runDir().isEmpty()) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(r.runDir().get())) {
            long n = 0;
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".jsonl") && !p.toString().contains("quarantine"))::iterator) {
                try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    n += lines.filter(l -> l.contains(FakeOpenAiServer.MARKER)).count();
                }
            }
            return n;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Files under {@code root} whose bytes hold any of {@code needles}, as paths relative to it. */
    private static List<String> filesHolding(Path root, List<String> needles) {
        List<String> hits = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return hits;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                if (needles.stream().anyMatch(text::contains)) {
                    hits.add(root.relativize(f).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
