package dev.tailguard.cloud.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;

/**
 * A real Kubernetes API server for tests: Debian's {@code etcd} (package {@code etcd-server}) and the
 * {@code kube-apiserver} v1.20.2 of {@code ../shared/k8s/} (see its README), both bound to 127.0.0.1 on free ports,
 * token authentication, RBAC. Started once per JVM on first use ({@link #get()}), with the project's CRD
 * ({@code k8s/01-crd-syntheticdatarun.yaml}) and the Knative CRDs of {@code ../shared/k8s/knative-crds/} applied;
 * stopped by a shutdown hook that only stops the two processes and deletes the data directory (it never throws
 * and never calls {@code System.exit}/{@code halt}, so it cannot change the JVM's exit code). Each server runs under
 * a small {@code sh} guard that also kills it when this JVM dies without running hooks (checked with
 * {@code kill -9} of the surefire fork: no etcd or kube-apiserver left).
 *
 * <p>Missing binaries are an error, not a skip: {@code .ci/run} installs {@code etcd-server}. Locations can be
 * overridden with the system property / environment variable {@code tgtest.k8s.dir} / {@code TGTEST_K8S_DIR}
 * (folder holding {@code kube-apiserver-v1.20.2-linux-amd64.xz} and {@code knative-crds/}) and
 * {@code tgtest.etcd} / {@code TGTEST_ETCD} (the etcd binary).
 */
public final class RealApiServer {

    private static final String APISERVER_XZ = "kube-apiserver-v1.20.2-linux-amd64.xz";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String URL_PROPERTY = "tgtest.apiserver.url";
    private static final String TOKEN_PROPERTY = "tgtest.apiserver.token";
    private static final String DIR_PROPERTY = "tgtest.apiserver.dir";
    private static RealApiServer instance;
    private static Throwable startFailure;

    private final String masterUrl;
    private final String token;
    private final Path dataDir;
    private final List<Process> processes;
    /** Wall time of the start (etcd + API server + CRDs), for the README's numbers. */
    private final Duration startTime;

    private RealApiServer(String masterUrl, String token, Path dataDir, List<Process> processes, Duration startTime) {
        this.masterUrl = masterUrl;
        this.token = token;
        this.dataDir = dataDir;
        this.processes = processes;
        this.startTime = startTime;
    }

    /**
     * The server of this JVM, started on first call.
     *
     * @throws IllegalStateException when it cannot be started (the message names the missing part)
     */
    public static synchronized RealApiServer get() {
        if (instance == null && startFailure == null) {
            try {
                instance = Optional.ofNullable(startedByAnotherLoader()).orElseGet(RealApiServer::startUnchecked);
            } catch (Throwable t) {
                startFailure = t;
            }
        }
        if (startFailure != null) {
            throw new IllegalStateException("the real Kubernetes API server could not be started: "
                    + startFailure.getMessage(), startFailure);
        }
        return instance;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** Bearer token of a {@code system:masters} user. */
    public String token() {
        return token;
    }

    /** How long starting took (etcd, API server, CRDs established). */
    public Duration startTime() {
        return startTime;
    }

    /** The server's working directory ({@code etcd.log}, {@code kube-apiserver.log}, certificates). */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether etcd and the API server are still running (true when another class loader owns them). */
    public boolean alive() {
        return processes.stream().allMatch(Process::isAlive);
    }

    /** Client configuration: admin token, self-signed serving certificate trusted. */
    public Config config() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).withOauthToken(token).withTrustCerts(true)
                .withDisableHostnameVerification(true).withNamespace("default").withRequestRetryBackoffLimit(0)
                .build();
    }

    /** A new admin client (close it). */
    public KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    /** A new admin client whose HTTP client is further configured by {@code http} (e.g. an interceptor). */
    public KubernetesClient client(java.util.function.Consumer<HttpClient.Builder> http) {
        return new KubernetesClientBuilder().withConfig(config()).withHttpClientBuilderConsumer(http).build();
    }

    /** Creates the namespace unless it exists. */
    public void ensureNamespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    // ---------------------------------------------------------------------------------------------- start / stop

    /**
     * The server when this class was already started in this JVM by another class loader (Quarkus tests load test
     * classes through their own loader): one server per JVM, found through system properties; stopped by its owner.
     */
    private static RealApiServer startedByAnotherLoader() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            String token = System.getProperty(TOKEN_PROPERTY);
            String dir = System.getProperty(DIR_PROPERTY);
            return url == null || token == null || dir == null ? null
                    : new RealApiServer(url, token, Path.of(dir), List.of(), Duration.ZERO);
        }
    }

    private static RealApiServer startUnchecked() {
        synchronized (System.getProperties()) {
            RealApiServer other = startedByAnotherLoader();
            if (other != null) {
                return other;
            }
            try {
                RealApiServer started = start();
                System.setProperty(DIR_PROPERTY, started.dataDir.toString());
                System.setProperty(TOKEN_PROPERTY, started.token);
                System.setProperty(URL_PROPERTY, started.masterUrl);
                return started;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static RealApiServer start() throws Exception {
        long t0 = System.nanoTime();
        Path etcd = etcdBinary();
        Path k8sDir = k8sDir();
        Path apiserver = apiserverBinary(k8sDir);
        // under target/ so that a JVM killed before its shutdown hook leaves nothing outside the build directory
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "real-apiserver")), "run-");
        List<Process> processes = new ArrayList<>();
        Thread hook = new Thread(() -> stopQuietly(processes, dir), "real-apiserver-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int etcdClient = freePort();
        int etcdPeer = freePort();
        int etcdMetrics = freePort();
        int apiPort = freePort();
        processes.add(launch(dir.resolve("etcd.log"), etcd.toString(), "--name", "t",
                "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdClient,
                "--advertise-client-urls", "http://127.0.0.1:" + etcdClient,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeer,
                "--initial-cluster", "t=http://127.0.0.1:" + etcdPeer,
                "--listen-metrics-urls", "http://127.0.0.1:" + etcdMetrics));
        String token = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
        Files.writeString(dir.resolve("tokens.csv"), token + ",admin,admin-uid,\"system:masters\"\n");
        writeServiceAccountKeys(dir);
        processes.add(launch(dir.resolve("kube-apiserver.log"), apiserver.toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdClient, "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1", "--secure-port=" + apiPort,
                "--cert-dir=" + dir.resolve("certs"), "--token-auth-file=" + dir.resolve("tokens.csv"),
                "--authorization-mode=RBAC", "--service-account-issuer=https://kubernetes.default.svc",
                "--service-account-key-file=" + dir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + dir.resolve("sa.key"),
                "--service-cluster-ip-range=10.0.0.0/24", "--endpoint-reconciler-type=none",
                "--enable-priority-and-fairness=false"));
        RealApiServer server = new RealApiServer("https://127.0.0.1:" + apiPort, token, dir, processes, null);
        try (KubernetesClient client = server.client()) {
            awaitReady(client, processes, dir);
            applyCrds(client, k8sDir);
        } catch (Exception | AssertionError e) {
            stopQuietly(processes, null);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.println("real kube-apiserver " + server.masterUrl + " ready with CRDs in " + took.toMillis() + " ms");
        return new RealApiServer(server.masterUrl, token, dir, processes, took);
    }

    private static Path etcdBinary() {
        String configured = setting("tgtest.etcd", "TGTEST_ETCD");
        Path etcd = configured != null ? Path.of(configured) : Path.of("/usr/bin/etcd");
        if (!Files.isExecutable(etcd)) {
            throw new IllegalStateException("etcd not found at " + etcd + " (install Debian's etcd-server: "
                    + "apt-get install -y etcd-server, as .ci/run does, or set -Dtgtest.etcd=PATH)");
        }
        return etcd;
    }

    private static Path k8sDir() {
        String configured = setting("tgtest.k8s.dir", "TGTEST_K8S_DIR");
        List<Path> candidates = configured != null ? List.of(Path.of(configured))
                : List.of(Path.of("..", "shared", "k8s"), Path.of("/work/shared/k8s"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve(APISERVER_XZ))).findFirst()
                .orElseThrow(() -> new IllegalStateException(APISERVER_XZ + " not found in " + candidates
                        + " (set -Dtgtest.k8s.dir or TGTEST_K8S_DIR to the folder of ../shared/k8s/)"));
    }

    /** Decompresses the API server once into {@code target/kube-apiserver/} (atomic rename, so reruns reuse it). */
    private static Path apiserverBinary(Path k8sDir) throws IOException, InterruptedException {
        Path out = Path.of("target", "kube-apiserver", "kube-apiserver-v1.20.2");
        if (Files.isExecutable(out)) {
            return out;
        }
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "kube-apiserver", ".part");
        Process xz = new ProcessBuilder("xz", "-dc", k8sDir.resolve(APISERVER_XZ).toString())
                .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!xz.waitFor(120, TimeUnit.SECONDS) || xz.exitValue() != 0) {
            xz.destroyForcibly();
            Files.deleteIfExists(tmp);
            throw new IllegalStateException("xz -dc " + k8sDir.resolve(APISERVER_XZ) + " failed");
        }
        if (!tmp.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + tmp + " executable");
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null && !v.isBlank() ? v : Optional.ofNullable(System.getenv(env)).filter(s -> !s.isBlank())
                .orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts {@code command} under a small {@code sh} guard that kills it when the guard's stdin (a pipe from this
     * JVM) closes: on {@link #stopQuietly} and also when the JVM dies without running shutdown hooks (surefire
     * killing a fork), so no etcd or API server outlives the tests. The guard exits with the command's exit code.
     */
    private static Process launch(Path log, String... command) throws IOException {
        List<String> guarded = new ArrayList<>(List.of("sh", "-c",
                "exec 3<&0; \"$@\" </dev/null 3<&- & c=$!; (read _ <&3; kill $c 2>/dev/null) & exec 3<&-; wait $c",
                "guard"));
        guarded.addAll(List.of(command));
        return new ProcessBuilder(guarded).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** RSA key pair for service-account tokens, PEM (PKCS#8 private, X.509 public) as kube-apiserver reads them. */
    private static void writeServiceAccountKeys(Path dir) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Files.writeString(dir.resolve("sa.key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("sa.pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void awaitReady(KubernetesClient client, List<Process> processes, Path dir) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a server process exited with " + p.exitValue() + "; logs: "
                            + tail(dir.resolve("etcd.log")) + "\n" + tail(dir.resolve("kube-apiserver.log")));
                }
            }
            try {
                HttpClient http = client.getHttpClient();
                var response = http.sendAsync(http.newHttpRequestBuilder()
                        .uri(client.getMasterUrl().toString() + "readyz").build(), String.class).get(5, TimeUnit.SECONDS);
                if (response.code() == 200) {
                    return;
                }
                last = response.code() + " " + response.body();
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("kube-apiserver not ready after " + READY_TIMEOUT + " (last: " + last
                + "); log: " + tail(dir.resolve("kube-apiserver.log")));
    }

    private static void applyCrds(KubernetesClient client, Path k8sDir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("k8s", "01-crd-syntheticdatarun.yaml"));
        try (Stream<Path> knative = Files.list(k8sDir.resolve("knative-crds"))) {
            knative.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
                        CustomResourceDefinition.class);
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                names.add(crd.getMetadata().getName());
            }
        }
        for (String name : names) {
            client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(
                    c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream().anyMatch(
                                    x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                    30, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    /** Destroys the processes (API server first) and deletes the data directory; never throws. */
    private static void stopQuietly(List<Process> processes, Path dir) {
        try {
            for (int i = processes.size() - 1; i >= 0; i--) {
                Process p = processes.get(i);
                try {
                    p.getOutputStream().close(); // the guard kills the server and exits after it
                } catch (IOException ignored) {
                    // already closed
                }
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (dir != null) {
                try (Stream<Path> all = Files.walk(dir)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (Throwable ignored) {
            // a shutdown hook must not fail: the processes are gone or will be reaped by the OS
        }
    }
}
