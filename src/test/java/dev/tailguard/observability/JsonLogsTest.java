package dev.tailguard.observability;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tailguard.core.io.Json;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JsonLogs}: every console line (nested handlers included) parses as one JSON object. */
class JsonLogsTest {

    @Test
    void everyConsoleLineIsOneJsonObject() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleHandler console = new ConsoleHandler();
        console.setOutputStream(buf);
        ExtHandler wrapper = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                for (Handler h : getHandlers()) {
                    h.publish(record);
                }
            }
        };
        wrapper.addHandler(console);
        Logger logger = Logger.getLogger("dev.tailguard.test.jsonlogs");
        logger.setUseParentHandlers(false);
        logger.addHandler(wrapper);
        try {
            assertThat(JsonLogs.install(logger)).isEqualTo(1);
            logger.info("stage \"score\" of run run-1\nsecond line");
            logger.log(Level.WARNING, "stage failed", new IllegalStateException("boom"));
            console.flush();
        } finally {
            logger.removeHandler(wrapper);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(Json.MAPPER.readValue(line, new TypeReference<>() {
            }));
        }
        assertThat(parsed.get(0)).containsEntry("level", "INFO").containsEntry("message", "stage \"score\" of run run-1\nsecond line")
                .containsEntry("loggerName", "dev.tailguard.test.jsonlogs").containsKey("timestamp");
        assertThat(parsed.get(1)).containsEntry("level", "WARNING").containsEntry("message", "stage failed");
        assertThat(String.valueOf(parsed.get(1).get("stackTrace"))).contains("IllegalStateException: boom");
    }
}
