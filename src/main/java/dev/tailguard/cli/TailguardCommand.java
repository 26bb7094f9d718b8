package dev.tailguard.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The top command {@code tailguard}: subcommands {@code run}, {@code simulate}, {@code lm}, {@code bench},
 * {@code calibrate} ({@code bench} has the subcommands {@code lm}, {@code lm-cap}, {@code scale}). Exit codes: {@value #OK} ok, {@value #FAILED}
 * run failed, {@value #USAGE} usage error (the message names the flag).
 */
// native image: picocli reads these classes reflectively (untested here: no native-image on this machine)
@RegisterForReflection(targets = {TailguardCommand.class, TailguardCommand.Version.class},
        classNames = {"picocli.CommandLine$AutoHelpMixin", "picocli.CommandLine$HelpCommand"})
@Command(name = "tailguard", mixinStandardHelpOptions = true, versionProvider = TailguardCommand.Version.class,
        description = {"Synthetic-data pipeline that tells, with measured evidence, whether synthetic data will collapse a model.",
                "Without arguments the jar starts the HTTP server (CloudEvents on /, health on /q/health)."},
        footer = {"", "Exit codes: 0 ok, 1 run failed, 2 usage error.",
                "See 'tailguard COMMAND --help' for the options of a command."})
public class TailguardCommand implements Callable<Integer> {

    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of a failed run. */
    public static final int FAILED = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: one of " + spec.subcommands().keySet());
    }

    /** The whole command line; {@code run} starts Quarkus through the launcher. */
    public static CommandLine commandLine(RunCommand.Launcher launcher) {
        return commandLine(launcher, new String[0]);
    }

    /**
     * The command line for these arguments: when the first names a command ({@code run}, {@code simulate}, {@code lm},
     * {@code bench}, {@code calibrate}), the top command with only that one, since picocli builds the model of every
     * command it is given (mostly loading its classes: 0.34–0.40 s for {@code lm} alone against 0.50 s for the whole
     * tree, measured); otherwise the whole command line. Parsing, help and errors of the named command are the same.
     */
    public static CommandLine commandLine(RunCommand.Launcher launcher, String[] args) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("run", () -> new RunCommand(launcher));
        commands.put("simulate", SimulateCli::new);
        commands.put("lm", LmCli::new);
        commands.put("bench", BenchCli::new);
        commands.put("calibrate", CalibrateCommand::new);
        CommandLine cl = new CommandLine(new TailguardCommand());
        Supplier<Object> only = args.length > 0 ? commands.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(only.get());
        } else {
            commands.values().forEach(c -> cl.addSubcommand(c.get()));
            cl.addSubcommand(new CommandLine.HelpCommand());
        }
        cl.setParameterExceptionHandler(new UsageErrors());
        return cl;
    }

    /** Prints {@code tailguard <command>: <message>}, the did-you-mean suggestions and where to find help; exit 2. */
    static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        }
    }

    /** The version from {@code tailguard-version.properties} (filled in by the Maven build). */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/tailguard-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"tailguard " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
