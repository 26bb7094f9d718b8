package dev.tailguard.cli.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny OpenAI-format server for the LLM replay cases ({@link ReplayLlmCases}): {@code POST …/chat/completions} on
 * 127.0.0.1 (random port), answering every request in one {@link Mode}, and recording each request's arrival time,
 * body and answer status. Test harness only; never part of the product.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** How every request is answered. */
    enum Mode {
        /** A normal completion ({@code finish_reason=stop}) holding the echo text and the request's message. */
        ECHO,
        /** A completion cut at {@code finish_reason=length}. */
        LENGTH,
        /** 200 with a body that is not JSON. */
        MALFORMED,
        /** Accepts and never answers (until {@link #close()}). */
        HANG,
        /** 429 with {@code retry-after-ms} on a body's first arrival, then a normal completion. */
        RATE_LIMITED
    }

    /** One request as the server saw it. */
    record Seen(long atNanos, String body, int status) {
    }

    /** The text every completion carries, so the replay can find completions in the output. */
    static final String MARKER = "lantern-harbor-fake-completion";
    /** {@code retry-after-ms} sent with each 429 in {@link Mode#RATE_LIMITED}. */
    static final long RETRY_AFTER_MS = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Mode mode;
    private final String echoWire;
    private final List<Seen> seen = new ArrayList<>();

    /**
     * @param mode     how to answer
     * @param echoWire text put verbatim (already JSON-escaped) inside each completion's content string, or ""
     */
    FakeOpenAiServer(Mode mode, String echoWire) {
        this.mode = mode;
        this.echoWire = echoWire;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Base URL up to {@code /v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpExchange ex) throws IOException {
        long at = System.nanoTime();
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (mode == Mode.HANG) {
            record(at, body, 0);
            try {
                closed.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        if (mode == Mode.RATE_LIMITED && firstArrival(body)) {
            record(at, body, 429);
            ex.getResponseHeaders().add("retry-after-ms", Long.toString(RETRY_AFTER_MS));
            send(ex, 429, "{\"error\":{\"message\":\"rate limited\",\"type\":\"rate_limit\"}}");
            return;
        }
        record(at, body, 200);
        send(ex, 200, switch (mode) {
            case MALFORMED -> "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"cut";
            case LENGTH -> completion("length", body);
            default -> completion("stop", body);
        });
    }

    private synchronized boolean firstArrival(String body) {
        return seen.stream().noneMatch(s -> s.body().equals(body));
    }

    private synchronized void record(long at, String body, int status) {
        seen.add(new Seen(at, body, status));
    }

    /**
     * A completion holding the marker, {@link #echoWire} and the request's last message (so completions differ as
     * their seeds do and no duplicate gate removes them).
     */
    private String completion(String finish, String request) {
        String seed = "";
        try {
            JsonNode messages = JSON.readTree(request).path("messages");
            seed = messages.path(messages.size() - 1).path("content").asText("");
        } catch (IOException e) {
            seed = "";
        }
        String quoted = JSON.valueToTree(seed).toString();
        String text = "In other words, " + MARKER + " " + echoWire + " " + quoted.substring(1, quoted.length() - 1);
        return "{\"id\":\"chatcmpl-adv\",\"object\":\"chat.completion\",\"model\":\"adv\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"" + finish
                + "\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":30,\"total_tokens\":80}}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
