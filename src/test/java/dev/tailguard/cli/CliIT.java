package dev.tailguard.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar's command line: exit codes, stdout JSON, one-line failure reasons, no HTTP listener in run mode. */
class CliIT {

    record Result(int exit, String out, String err) {
    }

    static Result jar(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + System.getProperty("it.port", "0"), "-jar", System.getProperty("tailguard.jar")));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("jar finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runOnTheSampleSucceedsPrintsTheReportedEventAndBindsNoPort(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ServerSocket busy = new ServerSocket(port)) {
            System.setProperty("it.port", String.valueOf(busy.getLocalPort()));
            Result r = jar(dir, "run", "--input", "samples/sotu-sample.jsonl", "--out", dir.resolve("out").toString(), "--seed", "3");
            assertThat(r.exit()).as(r.err()).isZero();
            Map<String, Object> ev = Json.MAPPER.readValue(r.out().strip(), new TypeReference<>() {
            });
            assertThat(ev).containsEntry("status", "succeeded");
            assertThat(r.out().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("[1/4] generate", "[4/4] report");
            assertThat(dir.resolve("out").resolve(String.valueOf(ev.get("report")))).exists();
            List<String> last = r.err().strip().lines().toList().subList(r.err().strip().lines().toList().size() - 2,
                    r.err().strip().lines().toList().size());
            assertThat(last.get(0)).matches("verdict: (TRAIN ON IT|REVIEW FIRST|DO NOT TRAIN).*");
            assertThat(last.get(1)).startsWith("open: ").endsWith("report/index.html");
            assertThat(Path.of(last.get(1).substring("open: ".length()))).exists();
        } finally {
            System.clearProperty("it.port");
        }
    }

    @Test
    void aLocalSyntheticFileFromTheCommandLineIsScoredAndBlended(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("samples/sotu-sample.jsonl"));
        Path real = Files.write(dir.resolve("real.jsonl"), lines.subList(0, 30));
        Path brought = Files.write(dir.resolve("brought.jsonl"), lines.subList(30, lines.size()));
        Result r = jar(dir, "run", "--input", real.toString(), "--synthetic", brought.toString(),
                "--out", dir.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> ev = Json.MAPPER.readValue(r.out().strip(), new TypeReference<>() {
        });
        Map<String, Object> report = Json.MAPPER.readValue(dir.resolve("out").resolve(String.valueOf(ev.get("report")))
                .toFile(), new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) report.get("counts");
        assertThat(((Number) counts.get("synthetic_generated")).longValue())
                .as("the brought batch is the run's synthetic batch").isEqualTo(lines.size() - 30);
    }

    @Test
    void withoutArgumentsTheJarServesHealthOverHttp(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dtailguard.store.root=" + dir.resolve("store"), "-jar", System.getProperty("tailguard.jar"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/q/health")).build();
            String body = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (body == null && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    java.net.http.HttpResponse<String> r = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        body = r.body();
                    }
                } catch (IOException e) {
                    Thread.sleep(300);
                }
            }
            assertThat(body).as(Files.readString(dir.resolve("server.log"))).isNotNull().contains("\"UP\"");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void failuresExitNonZeroWithAOneLineReason(@TempDir Path dir) throws Exception {
        Result missing = jar(dir, "run", "--input", dir.resolve("nope.jsonl").toString(), "--out", dir.resolve("o").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("tailguard run failed in stage generate: input file not found: ");
        assertThat(missing.out()).isEmpty();
        Result usage = jar(dir, "run", "--out", dir.toString());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).startsWith("tailguard run: Missing required option: '--input");
        Result unknown = jar(dir, "frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        Result help = jar(dir, "run", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: tailguard run", "--input");
        Result badFlag = jar(dir, "run", "--input", "a.jsonl", "--synthetic-ratio", "x");
        assertThat(badFlag.exit()).isEqualTo(2);
        assertThat(badFlag.err()).contains("Invalid value for option '--synthetic-ratio'");
    }

    /** Issue 13 item 5, server side: an unknown tailguard.* key stops the packaged server at start, naming it. */
    @Test
    void theServerRefusesToStartWithAnUnknownKeyNamingIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-Dtailguard.store.root=" + dir.resolve("store"),
                "-Dtailguard.synthetic-rato=0.3", "-jar", System.getProperty("tailguard.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the server stopped by itself").isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("unknown config key 'tailguard.synthetic-rato'")
                    .contains("did you mean 'tailguard.synthetic-ratio'?");
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Issue 14 item 5: {@code quarkus.log.console.json.enabled=true} (quarkus-logging-json) makes every console line of
     * the packaged server one JSON object with level, message and loggerName; the deprecated
     * {@code quarkus.log.console.json}, which would be silently overridden, is refused at startup naming the switch.
     */
    @Test
    void theJsonLogSwitchGivesOneJsonObjectPerLineAndTheInertKeyIsRefused(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("json.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-Dtailguard.store.root=" + dir.resolve("store"),
                "-Dquarkus.log.console.json.enabled=true", "-jar", System.getProperty("tailguard.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline && !Files.readString(log).contains("started in")) {
                Thread.sleep(300);
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("startup and shutdown lines").hasSizeGreaterThanOrEqualTo(2);
        for (String line : lines) {
            Map<String, Object> m = Json.MAPPER.readValue(line, new TypeReference<>() {
            });
            assertThat(m).as(line).containsKeys("timestamp", "level", "message", "loggerName");
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("started in"));

        Path refused = dir.resolve("refused.log");
        Process q = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-Dtailguard.store.root=" + dir.resolve("store"),
                "-Dquarkus.log.console.json=true", "-jar", System.getProperty("tailguard.jar"))
                .redirectErrorStream(true).redirectOutput(refused.toFile()).start();
        try {
            assertThat(q.waitFor(180, TimeUnit.SECONDS)).as("the server stopped by itself").isTrue();
            assertThat(q.exitValue()).isNotZero();
            assertThat(Files.readString(refused, StandardCharsets.UTF_8))
                    .contains("config key 'quarkus.log.console.json'", "quarkus.log.console.json.enabled=true");
        } finally {
            q.destroyForcibly();
        }
    }

    /** Issue 13 item 7: bench soak starts the packaged server on loopback, soaks it within its bounds, stops it. */
    @Test
    void benchSoakStartsThePackagedServerAndNothingAnswers5xx(@TempDir Path dir) throws Exception {
        Result r = jar(dir, "bench", "soak", "--requests", "70", "--seconds", "60");
        assertThat(r.exit()).as(r.err()).isZero();
        Map<String, Object> soak = Json.MAPPER.readValue(r.out(), new TypeReference<Map<String, Object>>() { });
        assertThat(soak).containsEntry("requests", 70).containsEntry("server_errors_5xx", 0)
                .containsEntry("transport_errors", 0).containsKeys("statuses", "by_kind", "latency_ms", "heap_after_bytes");
        assertThat(r.err()).contains("soak: server on http://127.0.0.1:");
    }
}
