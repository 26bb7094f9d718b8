package dev.tailguard.cli.tools;

import dev.tailguard.core.review.login.PasswordHash;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server of the packaged application ({@code quarkus-run.jar}) started as a child process for
 * {@code bench soak}: bound to 127.0.0.1 on a free port, a fresh local store in a temporary folder, one reviewer
 * account ({@code bob}, random password) in a users file. The notification endpoint needs an S3 bucket to watch
 * ({@code tailguard.trigger.enabled} with a local store refuses to start), so it is not served here: notification
 * requests get 404; soak an S3-backed deployment with {@code --url} and {@code --token} for those. Closing it stops
 * the child (and only it).
 */
public final class SoakServer implements AutoCloseable {

    private final Process process;
    private final URI base;
    private final Path log;

    private SoakServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** The packaged application jar this JVM runs from, if it runs from one. */
    public static Optional<Path> packagedJar() {
        String cp = System.getProperty("java.class.path", "");
        return cp.endsWith("quarkus-run.jar") && !cp.contains(java.io.File.pathSeparator)
                ? Optional.of(Path.of(cp)) : Optional.empty();
    }

    /** Starts the server and waits (at most {@code startTimeout}) until {@code /q/health/ready} answers 200. */
    public static SoakServer start(Path jar, String xmx, Duration startTimeout) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tailguard-soak");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        char[] password = UUID.randomUUID().toString().toCharArray();
        Path users = Files.writeString(dir.resolve("review-users"),
                "bob:" + PasswordHash.pbkdf2(password, PasswordHash.MIN_ITERATIONS) + ":reviewer\n");
        PasswordHash.wipe(password);
        Path log = dir.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TAILGUARD_") || k.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("TAILGUARD_STORE_ROOT", dir.resolve("store").toString());
        env.put("TAILGUARD_REVIEW_USERS_FILE", users.toString());
        SoakServer server = new SoakServer(pb.start(), URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady(startTimeout);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with code " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException("the server was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Base URL. */
    public URI base() {
        return base;
    }

    /** The server's console log. */
    public Path log() {
        return log;
    }

    /** Stops the child process (SIGTERM, then SIGKILL after 20 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
