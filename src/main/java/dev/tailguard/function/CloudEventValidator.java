package dev.tailguard.function;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.DatasetBlended;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.pipeline.RunLayout;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.SyntheticGenerated;
import dev.tailguard.core.pipeline.SyntheticScored;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rejects malformed CloudEvents on {@code POST /} with 400 and a one-line reason before Funqy sees them, so a bad
 * event never reaches a stage and nothing is written. Checks binary mode ({@code ce-*} headers) and structured mode
 * ({@code application/cloudevents+json}): spec version 1.0, id, source, a known type, and data that parses into the
 * type's event record with a valid run id. Event bodies are limited to 1 MiB: events carry references, never corpora.
 */
@ApplicationScoped
public class CloudEventValidator {

    /** Input event types and their data records. */
    static final Map<String, Class<?>> TYPES = Map.of(
            Events.RUN_REQUESTED, RunRequested.class,
            Events.SYNTHETIC_GENERATED, SyntheticGenerated.class,
            Events.SYNTHETIC_SCORED, SyntheticScored.class,
            Events.DATASET_BLENDED, DatasetBlended.class);

    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Trigger type of each function (as routed in application.properties). */
    static final Map<String, String> TRIGGERS = Map.of(
            "generate", Events.RUN_REQUESTED,
            "score", Events.SYNTHETIC_GENERATED,
            "blend", Events.SYNTHETIC_SCORED,
            "report", Events.DATASET_BLENDED);

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.funqy.export")
    java.util.Optional<String> export;

    void install(@Observes Router router) {
        router.route("/").order(-200).handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.route("/").order(-199).handler(this::validate);
    }

    void validate(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String error = check(ctx, export.map(TRIGGERS::get).orElse(null));
        if (error == null) {
            ctx.next();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "malformed CloudEvent");
        body.put("reason", error);
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    /** {@code application/json} or any {@code +json} media type, parameters ignored. */
    static boolean isJson(String contentType) {
        String mt = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return mt.equals("application/json") || mt.endsWith("+json");
    }

    static String check(RoutingContext ctx, String onlyType) {
        String contentType = ctx.request().getHeader("Content-Type");
        Buffer buf = ctx.body().buffer();
        byte[] bytes = buf == null ? new byte[0] : buf.getBytes();
        String specversion;
        String id;
        String source;
        String type;
        JsonNode data;
        if (contentType != null && contentType.toLowerCase().startsWith("application/cloudevents+json")) {
            JsonNode ev;
            try {
                ev = Json.MAPPER.readTree(bytes);
            } catch (Exception e) {
                return "structured event body is not JSON";
            }
            if (ev == null || !ev.isObject()) {
                return "structured event body is not a JSON object";
            }
            specversion = text(ev, "specversion");
            id = text(ev, "id");
            source = text(ev, "source");
            type = text(ev, "type");
            data = ev.get("data");
        } else {
            specversion = ctx.request().getHeader("ce-specversion");
            if (specversion == null) {
                return "not a CloudEvent: no ce-specversion header and content type is not application/cloudevents+json";
            }
            if (contentType != null && !isJson(contentType)) {
                return "content type '" + contentType + "' is not JSON (binary-mode events carry application/json data)";
            }
            id = ctx.request().getHeader("ce-id");
            source = ctx.request().getHeader("ce-source");
            type = ctx.request().getHeader("ce-type");
            try {
                data = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
            } catch (Exception e) {
                return "event data is not JSON";
            }
        }
        if (!"1.0".equals(specversion)) {
            return "unsupported specversion '" + specversion + "' (expected 1.0)";
        }
        if (id == null || id.isBlank()) {
            return "missing id";
        }
        if (source == null || source.isBlank()) {
            return "missing source";
        }
        if (type == null || type.isBlank()) {
            return "missing type";
        }
        Class<?> dataType = TYPES.get(type);
        if (dataType == null) {
            return "unknown event type '" + type + "' (accepted: " + TYPES.keySet().stream().sorted().toList() + ")";
        }
        if (onlyType != null && !onlyType.equals(type)) {
            return "this deployment exports only the function for '" + onlyType + "'; event type '" + type + "' is not accepted here";
        }
        if (data == null || !data.isObject()) {
            return "event data must be a JSON object for " + type;
        }
        Object parsed;
        try {
            parsed = STRICT.treeToValue(data, dataType);
        } catch (Exception e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            int nl = m.indexOf('\n');
            return "invalid data for " + type + ": " + (nl > 0 ? m.substring(0, nl) : m);
        }
        return checkData(parsed);
    }

    private static String checkData(Object parsed) {
        try {
            if (parsed instanceof RunRequested r) {
                if (r.inputs() == null || r.inputs().isEmpty() || r.inputs().stream().anyMatch(s -> s == null || s.isBlank())) {
                    return "run.requested needs a non-empty list of inputs";
                }
                if (r.runId() != null) {
                    new RunLayout(r.runId());
                }
                return null;
            }
            String runId;
            Object config;
            String manifest;
            if (parsed instanceof SyntheticGenerated e) {
                runId = e.runId();
                config = e.config();
                manifest = e.manifest();
            } else if (parsed instanceof SyntheticScored e) {
                runId = e.runId();
                config = e.config();
                manifest = e.manifest();
            } else {
                DatasetBlended e = (DatasetBlended) parsed;
                runId = e.runId();
                config = e.config();
                manifest = e.manifest();
            }
            RunLayout layout = new RunLayout(runId);
            if (config == null) {
                return "missing config";
            }
            if (manifest == null) {
                return "manifest must be a key under runs/" + runId + "/";
            }
            String key;
            try {
                key = dev.tailguard.core.store.StoreKeys.forRun(layout.runId(), manifest);
            } catch (IllegalArgumentException e) {
                return "manifest refused: " + e.getMessage();
            }
            if (!key.startsWith("runs/" + layout.runId() + "/")) {
                return "manifest must be a key under runs/" + runId + "/";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || !v.isTextual() ? null : v.textValue();
    }
}
