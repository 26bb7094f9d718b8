package dev.tailguard.cli;

import dev.tailguard.cli.tools.AdversarialReplay;
import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code tailguard bench adversarial}: replays issue 13's cases black-box against a running server on loopback
 * ({@link AdversarialReplay}) and prints one line per case ({@code id verdict sent -> observed}) and a summary. It
 * uses only request shapes the old build (89058ef) served too, so the same command judges an old and a new build.
 */
@RegisterForReflection
@Command(name = "adversarial", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Replay issue 13's adversarial cases against a running server (loopback) and print one line per"
                + " case: id, SAFE/UNSAFE/SKIPPED, what was sent, what was observed.",
                "Start the server with its local store at --store and TAILGUARD_REVIEW_REQUIRED=true."},
        footer = {"", "Exit codes: 0 no case UNSAFE, 1 some case UNSAFE, 2 usage error."})
public class BenchAdversarialCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the server (loopback only); required unless --llm-only.")
    URI url;
    @Option(names = "--store", paramLabel = "DIR",
            description = "The server's local store folder (tailguard.store.root), read to observe effects; required"
                    + " unless --llm-only.")
    Path store;
    @Option(names = "--jar", paramLabel = "JAR",
            description = "The same build's quarkus-run.jar: also run the command-line cases (W7) as child processes.")
    Path jar;
    @Option(names = "--llm-only",
            description = "Run only the LLM cases (W6a-c, W8a-d) through --jar against a fake OpenAI-format server on"
                    + " 127.0.0.1; no running server needed.")
    boolean llmOnly;
    @Option(names = "--user", paramLabel = "NAME", description = "A reviewer account of the server (W2d setup, W5d-f).")
    String user;
    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding that account's password.")
    Path passwordFile;
    @Option(names = "--token", paramLabel = "TOKEN", description = "The server's notification token, if it has one.")
    String token;
    @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
            description = "Bound of each request in seconds, >= 1 (default ${DEFAULT-VALUE}).")
    long timeout;

    @Override
    public Integer call() throws IOException {
        long t = BenchCli.atLeast(spec, "--timeout", List.of(timeout), 1).get(0);
        if (llmOnly) {
            if (jar == null || !Files.isRegularFile(jar)) {
                throw BenchCli.invalid(spec, "--jar", String.valueOf(jar), "is required with --llm-only and must be a file");
            }
            return print(AdversarialReplay.runLlm(jar, Duration.ofSeconds(t)));
        }
        if (url == null || store == null) {
            throw BenchCli.invalid(spec, "--url", String.valueOf(url), "and --store are required (or --llm-only)");
        }
        if (!BenchSoakCli.isLoopback(url)) {
            throw BenchCli.invalid(spec, "--url", url.toString(), "is not a loopback http URL (127.0.0.1, ::1 or localhost)");
        }
        if (!Files.isDirectory(store)) {
            throw BenchCli.invalid(spec, "--store", store.toString(), "is not a folder");
        }
        if (jar != null && !Files.isRegularFile(jar)) {
            throw BenchCli.invalid(spec, "--jar", jar.toString(), "is not a file");
        }
        if ((user == null) != (passwordFile == null)) {
            throw BenchCli.invalid(spec, "--user", String.valueOf(user), "and --password-file go together");
        }
        String password = passwordFile == null ? null : Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        return print(AdversarialReplay.run(new AdversarialReplay.Settings(url, store,
                Optional.ofNullable(jar), user, password, token, Duration.ofSeconds(t))));
    }

    private int print(List<AdversarialReplay.Outcome> outcomes) {
        PrintStream out = Streams.of(spec.commandLine().getOut());
        outcomes.forEach(o -> out.println(o.line()));
        long unsafe = outcomes.stream().filter(o -> o.verdict() == AdversarialReplay.Verdict.UNSAFE).count();
        long safe = outcomes.stream().filter(o -> o.verdict() == AdversarialReplay.Verdict.SAFE).count();
        out.println("cases " + outcomes.size() + ": " + safe + " SAFE, " + unsafe + " UNSAFE, "
                + (outcomes.size() - safe - unsafe) + " SKIPPED");
        out.flush();
        return unsafe == 0 ? TailguardCommand.OK : TailguardCommand.FAILED;
    }
}
