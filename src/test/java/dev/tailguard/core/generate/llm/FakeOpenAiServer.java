package dev.tailguard.core.generate.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire format. Scripted replies are served
 * first, in order; afterwards the default reply echoes the user's chunk as {@code "R: <chunk>"} with a usage block.
 */
final class FakeOpenAiServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One reply: status, headers, body, and a delay before answering. */
    record Reply(int status, Map<String, String> headers, String body, long delayMs) {
        static Reply ok(String content, Integer promptTokens, Integer completionTokens) {
            return finished(content, promptTokens, completionTokens, "stop");
        }

        static Reply finished(String content, Integer promptTokens, Integer completionTokens, String finishReason) {
            String usage = promptTokens == null ? "" : ",\"usage\":{\"prompt_tokens\":" + promptTokens
                    + ",\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
                    + (promptTokens + completionTokens) + "}";
            String body = "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},\"finish_reason\":"
                    + quote(finishReason) + "}]"
                    + usage + "}";
            return new Reply(200, Map.of(), body, 0);
        }

        static Reply status(int status, String body, Map<String, String> headers) {
            return new Reply(status, headers, body, 0);
        }

        Reply delayed(long ms) {
            return new Reply(status, headers, body, ms);
        }
    }

    /** A received request: Authorization and api-key headers, query string and parsed JSON body. */
    record Received(String authorization, JsonNode body, String apiKey, String query) {
        Received(String authorization, JsonNode body) {
            this(authorization, body, null, null);
        }

        String userContent() {
            JsonNode msgs = body.path("messages");
            return msgs.get(msgs.size() - 1).path("content").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Object> script = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    volatile Function<Received, Reply> fallback = r -> Reply.ok("R: " + chunkOf(r.userContent()), 100, 20);

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues replies (a {@link Reply}, or a {@code Function<Received, Reply>}) served before the fallback. */
    FakeOpenAiServer then(Object... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The chunk text inside a rendered WRAP prompt (after the blank line). */
    static String chunkOf(String user) {
        int i = user.lastIndexOf("\n\n");
        return i < 0 ? user : user.substring(i + 2);
    }

    @SuppressWarnings("unchecked")
    private void handle(HttpExchange ex) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            Received r = new Received(ex.getRequestHeaders().getFirst("Authorization"), body,
                    ex.getRequestHeaders().getFirst("api-key"), ex.getRequestURI().getRawQuery());
            received.add(r);
            Object next = script.poll();
            Reply reply = next == null ? fallback.apply(r)
                    : next instanceof Reply rep ? rep : ((Function<Received, Reply>) next).apply(r);
            if (reply.delayMs() > 0) {
                try {
                    Thread.sleep(reply.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (timeout test): nothing to answer
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
