package dev.tailguard.cli;

import dev.tailguard.cli.tools.AdversarialSoak;
import dev.tailguard.cli.tools.SoakServer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tailguard bench soak}: a bounded adversarial soak of the HTTP server on loopback ({@link AdversarialSoak}):
 * bad events, traversal keys, unauthenticated and traversing notifications, reviewer-login guessing, oversized
 * bodies and one event redelivered again and again. Without {@code --url} it starts the packaged server
 * ({@link SoakServer}) and stops it afterwards. Prints one JSON object (counts by status and kind, p50/p99 latency,
 * 5xx and transport errors, the server's heap after, the targets); asserts nothing. Exit 0 when the soak ran.
 */
@RegisterForReflection
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Bounded adversarial soak of the HTTP server on loopback; prints status counts, p50/p99 latency,"
                + " 5xx count and the server's heap after as one JSON object (targets printed, nothing asserted).",
        footer = {"", "Exit codes: 0 the soak ran, 1 the server could not be started or reached, 2 usage error."})
public class BenchSoakCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "Soak a running server (loopback only) instead of starting the packaged one.")
    URI url;
    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The notification bearer token of the server at --url (traversal notifications then pass"
                    + " authentication and test key checks).")
    String token;
    @Option(names = "--requests", paramLabel = "N", defaultValue = "700", description = "Requests, >= 1 (default ${DEFAULT-VALUE}).")
    int requests;
    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "Time bound, >= 1 (default ${DEFAULT-VALUE}).")
    long seconds;
    @Option(names = "--xmx", paramLabel = "SIZE", defaultValue = "512m",
            description = "Heap of the started server (default ${DEFAULT-VALUE}).")
    String xmx;

    @Override
    public Integer call() throws InterruptedException {
        int n = BenchCli.atLeast(spec, "--requests", List.of(requests), 1).get(0);
        long s = BenchCli.atLeast(spec, "--seconds", List.of(seconds), 1).get(0);
        PrintStream out = Streams.of(spec.commandLine().getOut());
        PrintStream err = Streams.of(spec.commandLine().getErr());
        try {
            if (url != null) {
                if (!isLoopback(url)) {
                    throw BenchCli.invalid(spec, "--url", url.toString(), "is not a loopback http URL (127.0.0.1, ::1 or localhost)");
                }
                print(AdversarialSoak.run(new AdversarialSoak.Settings(url, n, Duration.ofSeconds(s), token)), out);
                return TailguardCommand.OK;
            }
            Optional<Path> jar = SoakServer.packagedJar();
            if (jar.isEmpty()) {
                throw BenchCli.invalid(spec, "--url", "", "is required when not running from the packaged quarkus-run.jar");
            }
            try (SoakServer server = SoakServer.start(jar.get(), xmx, Duration.ofSeconds(120))) {
                err.println("soak: server on " + server.base() + " (log " + server.log() + ")");
                print(AdversarialSoak.run(new AdversarialSoak.Settings(server.base(), n, Duration.ofSeconds(s), null)), out);
            }
            return TailguardCommand.OK;
        } catch (IOException e) {
            err.println("bench soak failed: " + e.getMessage());
            return TailguardCommand.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void print(AdversarialSoak.Result r, PrintStream out) {
        out.println(r.toJson().toPrettyString());
    }

    static boolean isLoopback(URI u) {
        String host = u.getHost();
        return "http".equals(u.getScheme()) && host != null
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
    }
}
