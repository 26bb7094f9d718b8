package dev.tailguard.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code quarkus-run.jar}. No arguments: the HTTP server (functions as CloudEvents on {@code /},
 * health on {@code /q/health}). {@code run ...}: the embedded pipeline (Quarkus without HTTP, logs on stderr).
 * {@code lm}, {@code bench}, {@code simulate}: pure-Java commands that print JSON on stdout.
 */
@QuarkusMain
public class TailguardMain {

    /** Pure-Java commands: name → {@code execute(args, out, err)}. Filled as the command classes are merged. */
    static final Map<String, Command> COMMANDS = Map.of(
            "lm", dev.tailguard.core.lm.LmCommand::execute,
            "bench", dev.tailguard.core.bench.BenchCommand::execute,
            "simulate", dev.tailguard.core.sim.SimulateCommand::execute);

    /** The {@code execute(List<String>, PrintStream, PrintStream)} convention of the command classes. */
    @FunctionalInterface
    public interface Command {
        int execute(List<String> args, PrintStream out, PrintStream err);
    }

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        String cmd = args[0];
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if ("help".equals(cmd) || "--help".equals(cmd) || "-h".equals(cmd)) {
            out.println(usage());
            System.exit(0);
        }
        Command c = COMMANDS.get(cmd);
        if (c != null) {
            System.exit(c.execute(List.of(Arrays.copyOfRange(args, 1, args.length)), out, System.err));
        }
        if (!"run".equals(cmd)) {
            System.err.println("unknown command '" + cmd + "'\n" + usage());
            System.exit(2);
        }
        RunOptions opts;
        try {
            opts = RunOptions.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("tailguard run: " + e.getMessage() + "\n" + RunOptions.USAGE);
            System.exit(2);
            return;
        }
        if (opts.config() != null && !Files.isRegularFile(Path.of(opts.config()))) {
            System.err.println("tailguard run: config file not found: " + opts.config());
            System.exit(2);
        }
        embeddedMode();
        opts.systemProperties().forEach(System::setProperty);
        Quarkus.run(RunApplication.class, TailguardMain::exit, args);
    }

    /** Exits with the code; an unhandled failure (an {@link OutOfMemoryError} included) is named on one line first. */
    static void exit(int code, Throwable failure) {
        if (failure != null) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String hint = root instanceof OutOfMemoryError ? " (give the JVM more heap, e.g. java -Xmx2g -jar ...)" : "";
            System.err.println("tailguard run failed: " + root + hint);
        }
        System.exit(code == 0 && failure != null ? 1 : code);
    }

    /** System properties that make Quarkus a quiet library: no HTTP listener, no banner, logs on stderr. */
    static void embeddedMode() {
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.banner.enabled", "false");
        System.setProperty("quarkus.log.console.stderr", "true");
        System.setProperty("quarkus.log.level", "WARN");
        System.setProperty("quarkus.log.category.\"dev.tailguard\".level", "INFO");
        System.setProperty("quarkus.log.category.\"io.quarkus.config\".level", "ERROR");
    }

    static String usage() {
        return "usage: java -jar quarkus-run.jar [run ...|lm ...|bench ...|simulate ...]\n"
                + "  (no arguments)  start the HTTP server: CloudEvents on /, health on /q/health\n"
                + "  " + RunOptions.USAGE;
    }
}
