package dev.tailguard.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of {@code quarkus-run.jar}. No arguments: the HTTP server (functions as CloudEvents on {@code /},
 * health on {@code /q/health}). Otherwise the picocli command line of {@link TailguardCommand}: {@code run} is the
 * embedded pipeline (Quarkus without HTTP, logs on stderr, configured through {@link CliConfigSourceProvider});
 * {@code simulate}, {@code lm} and {@code bench} are pure-Java commands. Exit codes: 0 ok, 1 failed, 2 usage.
 */
@QuarkusMain
public class TailguardMain {

    public static void main(String... args) {
        if (args.length == 0) {
            Quarkus.run(args);
            return;
        }
        System.exit(TailguardCommand.commandLine(TailguardMain::launch, args).execute(args));
    }

    /** Starts the embedded run; the exit handler ends the JVM with the run's code. */
    static int launch(RunOptions options) {
        CliConfigSourceProvider.install(options);
        Quarkus.run(RunApplication.class, TailguardMain::exit);
        return TailguardCommand.OK;
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
        System.exit(code == 0 && failure != null ? TailguardCommand.FAILED : code);
    }
}
