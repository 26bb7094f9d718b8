package dev.tailguard.observability;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * JSON console logs without the {@code quarkus-logging-json} extension (its deployment artifact does not resolve
 * for Quarkus 3.34.2 here, so {@code quarkus.log.console.json} does nothing): with {@value #KEY}{@code =true} the
 * console handlers get a {@link JsonLogFormatter} at startup, so each log line is one JSON object
 * ({@code timestamp}, {@code level}, {@code loggerName}, {@code message}, {@code threadName}, {@code mdc} with the
 * OpenTelemetry {@code traceId}/{@code spanId} when tracing is on, {@code stackTrace} for exceptions). Lines
 * logged before startup completes (Quarkus's own boot lines) keep the pattern format.
 */
@ApplicationScoped
public class JsonLogs {

    /** Configuration key: {@code true} = JSON console logs (default {@code false}: the pattern format). */
    public static final String KEY = "tailguard.log.json";

    @ConfigProperty(name = KEY, defaultValue = "false")
    boolean json;

    void onStart(@Observes @Priority(1) StartupEvent ev) {
        if (json) {
            try {
                install(Logger.getLogger(""));
            } catch (RuntimeException | LinkageError e) {
                // logs keep the pattern format; the run itself must not fail over its log format
                Logger.getLogger(JsonLogs.class.getName()).warning(KEY + "=true but JSON logs are unavailable: " + e);
            }
        }
    }

    /**
     * Gives every console handler under {@code root} (nested handlers included) a one-line JSON formatter.
     *
     * @return the number of console handlers changed
     */
    public static int install(Logger root) {
        int n = 0;
        for (Handler h : root.getHandlers()) {
            n += install(h);
        }
        return n;
    }

    private static int install(Handler h) {
        int n = 0;
        if (h instanceof ConsoleHandler console) {
            console.setFormatter(formatter());
            n++;
        }
        if (h instanceof ExtHandler ext) {
            for (Handler child : ext.getHandlers()) {
                n += install(child);
            }
        }
        return n;
    }

    /** The formatter: one JSON object per line, exceptions as a formatted {@code stackTrace} string. */
    public static JsonLogFormatter formatter() {
        return new JsonLogFormatter();
    }

}
