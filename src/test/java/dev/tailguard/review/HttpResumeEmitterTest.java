package dev.tailguard.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tailguard.core.review.Decision;
import dev.tailguard.core.review.ReviewBatch;
import dev.tailguard.core.review.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpResumeEmitterTest {

    @Test
    void postsTheScoredEventAsABinaryCloudEventMarkedApproved() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        AtomicInteger status = new AtomicInteger(202);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestHeaders().forEach((k, v) -> seen.put(k.toLowerCase(), v.get(0)));
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        try {
            URI sink = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            ReviewBatch batch = new ReviewBatch("r-scored", "r", "2026-01-01T00:00:00Z", "ab", 3, 3, List.of("k"), 1,
                    List.of(), List.of(), Map.of("run_id", "r", "manifest", "runs/r/scores/_SUCCESS.json"));
            Decision d = new Decision("r-scored", "r", Verdict.APPROVED, "alice", "t", null, "ab", List.of());

            new HttpResumeEmitter(sink).approved(batch, d);

            assertThat(seen).containsEntry("ce-type", "dev.tailguard.synthetic.scored")
                    .containsEntry("ce-specversion", "1.0").containsEntry("ce-tailguardreview", "approved")
                    .containsEntry("ce-source", "dev.tailguard/review").containsEntry("ce-subject", "r");
            assertThat(seen.get("body")).contains("\"run_id\":\"r\"").contains("runs/r/scores/_SUCCESS.json");

            status.set(503);
            assertThatThrownBy(() -> new HttpResumeEmitter(sink).approved(batch, d))
                    .isInstanceOf(IOException.class).hasMessageContaining("503");
        } finally {
            server.stop(0);
        }
    }
}
