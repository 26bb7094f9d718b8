package dev.tailguard.cloud.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.tailguard.cloud.events.CloudEventSink;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;

/** {@code K_SINK}: run requests leave as binary CloudEvents whose data the generate function reads back. */
class HttpRunEmitterTest {

    private HttpServer server;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(Map.of("ce-type", ex.getRequestHeaders().getFirst("ce-type"),
                    "ce-id", ex.getRequestHeaders().getFirst("ce-id"),
                    "ce-subject", ex.getRequestHeaders().getFirst("ce-subject"),
                    "body", new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpRunEmitter emitter() {
        return new HttpRunEmitter(CloudEventSink.fromEnvironment(
                Map.of("K_SINK", "http://127.0.0.1:" + server.getAddress().getPort() + "/")).orElseThrow());
    }

    @Test
    void sendsRunRequestedWithTheRunIdAsEventId() throws Exception {
        RunRequested req = new RunRequested("sotu-0123456789ab", List.of("incoming/sotu.jsonl"), RunConfig.defaults(42));
        emitter().emit(req);
        assertThat(received).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("ce-type", "dev.tailguard.run.requested").containsEntry("ce-id", req.runId())
                    .containsEntry("ce-subject", "incoming/sotu.jsonl");
            assertThat(Json.MAPPER.readValue(e.get("body"), RunRequested.class)).isEqualTo(req);
        });
    }

    @Test
    void aRejectingSinkIsAnErrorForTheCallerToRetry() {
        status = 503;
        assertThatThrownBy(() -> emitter().emit(new RunRequested("r", List.of("incoming/a.jsonl"), RunConfig.defaults(1))))
                .isInstanceOf(IOException.class).hasMessageContaining("answered 503");
    }
}
