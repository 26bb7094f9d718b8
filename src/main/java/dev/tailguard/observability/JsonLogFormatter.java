package dev.tailguard.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line, written with Jackson from the application's class loader. (JBoss LogManager's own
 * {@code JsonFormatter} needs Jakarta JSON Processing on the class path of the boot class loader that loads the log
 * manager in a packaged Quarkus application, where the application's jars are not visible.) Fields, in the
 * {@code quarkus-logging-json} names: {@code timestamp} (ISO-8601), {@code sequence}, {@code loggerName},
 * {@code level}, {@code message}, {@code threadName}, {@code threadId}, {@code mdc} (e.g. OpenTelemetry
 * {@code traceId}/{@code spanId} when tracing is on) and, for an exception, {@code stackTrace}.
 */
public final class JsonLogFormatter extends ExtFormatter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format(ExtLogRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", Instant.ofEpochMilli(r.getMillis()).toString());
        m.put("sequence", r.getSequenceNumber());
        m.put("loggerName", r.getLoggerName());
        m.put("level", r.getLevel() == null ? null : r.getLevel().getName());
        m.put("message", formatMessage(r));
        m.put("threadName", r.getThreadName());
        m.put("threadId", r.getLongThreadID());
        Map<String, String> mdc = r.getMdcCopy();
        if (mdc != null && !mdc.isEmpty()) {
            m.put("mdc", mdc);
        }
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            m.put("stackTrace", sw.toString());
        }
        try {
            return MAPPER.writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"log record not serialisable: " + e.getOriginalMessage()
                    .replace("\\", "\\\\").replace("\"", "'") + "\"}\n";
        }
    }
}
