package dev.tailguard.cloud.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.tailguard.storage.S3Settings;
import software.amazon.awssdk.services.s3.S3Client;

import dev.tailguard.storage.S3ObjectStore;

/**
 * A real S3 API server for tests: S3Proxy ({@code org.gaul:s3proxy:jar-with-dependencies}, copied to
 * {@code target/s3proxy/s3proxy.jar} by the maven-dependency-plugin in {@code process-test-resources}) started as a
 * separate Java process with the filesystem blob store in a temp folder, listening on 127.0.0.1 at a free port,
 * requiring AWS v2/v4 signatures with {@link #ACCESS_KEY}/{@link #SECRET_KEY}.
 * <p>
 * Usage: {@code S3ProxyServer s3 = S3ProxyServer.shared(); s3.createBucket("b"); s3.settings("b")}. The shared
 * instance is started once per JVM and stopped by a shutdown hook; {@link #start()} + {@link #close()} give a
 * private one.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "tailguard-test";
    public static final String SECRET_KEY = "tailguard-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static S3ProxyServer shared;

    private final Process process;
    private final Path dir;
    private final Path log;
    private final URI endpoint;

    private S3ProxyServer(Process process, Path dir, Path log, URI endpoint) {
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** One server per JVM, started on first use, stopped at JVM exit. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            S3ProxyServer s = start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "s3proxy-stop"));
            shared = s;
        }
        return shared;
    }

    /** Starts a private server and waits until it answers HTTP. */
    public static S3ProxyServer start() {
        Path jar = jar();
        try {
            Path dir = Files.createTempDirectory("s3proxy-");
            Path data = Files.createDirectories(dir.resolve("data"));
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path props = dir.resolve("s3proxy.properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                    ""), StandardCharsets.UTF_8);
            Path log = dir.resolve("s3proxy.log");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-DLOG_LEVEL=warn", "-jar", jar.toString(),
                    "--properties", props.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            S3ProxyServer server = new S3ProxyServer(p, dir, log, endpoint);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy from " + jar, e);
        }
    }

    private static Path jar() {
        Path jar = Paths.get("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven "
                    + "(maven-dependency-plugin copies org.gaul:s3proxy:jar-with-dependencies in process-test-resources)");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(endpoint + "/").openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not answer on " + endpoint + " within " + STARTUP_TIMEOUT
                + ":\n" + logTail());
    }

    /** The server's log (last 4 KB). */
    public String logTail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4096 ? s.substring(s.length() - 4096) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Store settings for a bucket on this server (static test credentials, path-style). */
    public S3Settings settings(String bucket) {
        return S3Settings.of(endpoint, REGION, bucket, ACCESS_KEY, SECRET_KEY);
    }

    /** A new client for this server; the caller closes it. */
    public S3Client client() {
        return S3ObjectStore.buildClient(settings("unused"));
    }

    /** Creates the bucket if it does not exist yet. */
    public void createBucket(String bucket) {
        try (S3Client c = client()) {
            boolean exists = c.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
            if (!exists) {
                c.createBucket(r -> r.bucket(bucket));
            }
        }
    }

    /** Stops the process and deletes its data. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp folder; best effort
        }
    }
}
