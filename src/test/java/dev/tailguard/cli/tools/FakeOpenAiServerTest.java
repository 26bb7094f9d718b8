package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay's fake OpenAI-format server answers in the shapes the LLM cases rely on. */
class FakeOpenAiServerTest {

    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"the \\\"old\\\" mill\"}]}";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(FakeOpenAiServer s) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rateLimitedAnswers429WithRetryAfterMsOnFirstArrivalOnly() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer(FakeOpenAiServer.Mode.RATE_LIMITED, "")) {
            HttpResponse<String> first = post(s);
            HttpResponse<String> second = post(s);
            assertThat(first.statusCode()).isEqualTo(429);
            assertThat(first.headers().firstValue("retry-after-ms")).contains("2000");
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(s.seen()).extracting(FakeOpenAiServer.Seen::status).containsExactly(429, 200);
        }
    }

    @Test
    void lengthCompletionEchoesTheMessageAndTheEscapedKey() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer(FakeOpenAiServer.Mode.LENGTH, "sk-a\\/b")) {
            JsonNode choice = new ObjectMapper().readTree(post(s).body()).path("choices").path(0);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
            assertThat(choice.path("message").path("content").asText())
                    .contains(FakeOpenAiServer.MARKER, "sk-a/b", "the \"old\" mill");
        }
    }

    @Test
    void malformedAnswerIsNotJson() throws Exception {
        try (FakeOpenAiServer s = new FakeOpenAiServer(FakeOpenAiServer.Mode.MALFORMED, "")) {
            HttpResponse<String> r = post(s);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("{").doesNotEndWith("}");
        }
    }
}
