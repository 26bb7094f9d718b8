package dev.tailguard.adversarial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.cli.TailguardCommand;
import dev.tailguard.cli.tools.AdversarialSoak;
import dev.tailguard.core.store.ObjectStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tailguard bench soak --url} against the real server on loopback with tiny bounds (issue 13 item 7): the
 * output is one JSON object of the documented shape, every kind of hostile request was sent and answered with a
 * 4xx, nothing answered 5xx or dropped the connection, and no soak request left an object in the store. The test
 * profile serves no notification endpoint (no token configured), so notifications are answered 404 here.
 */
@QuarkusTest
class BenchSoakTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    ObjectStore store;

    @Test
    void aTinySoakPrintsItsCountsAndNothingAnswers5xx() throws Exception {
        int requests = 7 * AdversarialSoak.Kind.values().length; // 7 guesses: the 6th on one user is throttled
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TailguardCommand.commandLine(o -> 0);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "soak", "--url", base.toString().replaceAll("/$", ""),
                "--requests", Integer.toString(requests), "--seconds", "60");
        assertThat(code).as(err.toString()).isZero();

        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertThat(r.get("bench").asText()).isEqualTo("soak");
        assertThat(r.get("requests").asInt()).isEqualTo(requests);
        assertThat(r.get("transport_errors").asInt()).isZero();
        assertThat(r.get("server_errors_5xx").asInt()).isZero();
        assertThat(r.get("latency_ms").get("p50").asDouble()).isPositive();
        assertThat(r.get("latency_ms").get("p99").asDouble()).isGreaterThanOrEqualTo(r.get("latency_ms").get("p50").asDouble());
        assertThat(r.get("heap_after_bytes").asLong()).as("the server's heap from /q/metrics").isPositive();
        assertThat(r.get("targets").asText()).contains("0 5xx");
        List<String> kinds = new ArrayList<>();
        r.get("by_kind").fieldNames().forEachRemaining(kinds::add);
        assertThat(kinds).hasSize(AdversarialSoak.Kind.values().length);
        r.get("by_kind").fields().forEachRemaining(k -> k.getValue().fieldNames().forEachRemaining(status ->
                assertThat(Integer.parseInt(status)).as(k.getKey()).isBetween(400, 499)));
        assertThat(r.get("by_kind").get("login_guess").has("429")).as("login guessing is throttled").isTrue();
        assertThat(r.get("by_kind").get("policy_event").has("422")).as("refused by the run-request policy").isTrue();
        assertThat(r.get("by_kind").get("redelivered_event").has("422")).as("a never-started run").isTrue();
        assertThat(store.list("runs/")).as("no soak request wrote anything").noneMatch(k -> k.contains("soak-"));
    }

    @Test
    void aNonLoopbackUrlIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = TailguardCommand.commandLine(o -> 0);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("bench", "soak", "--url", "http://example.org:8080")).isEqualTo(TailguardCommand.USAGE);
        assertThat(err.toString()).contains("--url").contains("loopback");
    }
}
