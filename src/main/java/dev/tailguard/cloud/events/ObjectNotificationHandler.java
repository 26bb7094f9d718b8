package dev.tailguard.cloud.events;

import dev.tailguard.core.io.Json;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tailguard.core.trigger.IncomingObjectPolicy;
import dev.tailguard.core.trigger.IncomingObjectTrigger;
import dev.tailguard.core.trigger.NotificationAuth;
import dev.tailguard.core.trigger.NotificationFormatException;
import dev.tailguard.core.trigger.RecentRunIds;
import dev.tailguard.core.trigger.RunRequester;

/**
 * HTTP semantics of the object-storage notification endpoint, independent of the web framework. Accepts a raw
 * notification (MinIO webhook, SNS HTTP), a binary-mode CloudEvent ({@code ce-type} header, data in the body) or a
 * structured CloudEvent ({@code application/cloudevents+json}). Answers, in this order of checks: 401 when the
 * request is not authenticated ({@link NotificationAuth}); 400 for a malformed body; 413 when it carries more than
 * {@code max-records} records; 422 when any record names an unsafe key ({@code ..}, absolute, control characters:
 * nothing is started for any record) or when no record starts a run; 503 when no {@link RunRequester} is wired;
 * 202 with the started run ids; 200 when every accepted object's run was already requested by this process
 * (a repeated notification starts at most one run).
 */
public final class ObjectNotificationHandler {

    /** A response: status code and JSON body. */
    public record Reply(int status, String json) {
    }

    private final ObjectMapper mapper = Json.MAPPER;
    private final ObjectNotificationParser parser = new ObjectNotificationParser(mapper);
    private final IncomingObjectPolicy policy;
    private final Optional<RunRequester> requester;
    private final Limits limits;

    /**
     * Ingest limits and authentication.
     *
     * @param auth       who may post notifications ({@link NotificationAuth#configured()} must hold)
     * @param maxRecords most records per notification ({@code tailguard.trigger.max-records})
     * @param recent     run ids already requested by this process
     */
    public record Limits(NotificationAuth auth, int maxRecords, RecentRunIds recent) {
        public Limits {
            if (!auth.configured()) {
                throw new IllegalArgumentException("notification authentication is not configured: set "
                        + "tailguard.trigger.auth-token or tailguard.trigger.hmac-secret");
            }
            if (maxRecords < 1) {
                throw new IllegalArgumentException("tailguard.trigger.max-records must be at least 1, got " + maxRecords);
            }
        }
    }

    public ObjectNotificationHandler(IncomingObjectPolicy policy, Optional<RunRequester> requester, Limits limits) {
        this.policy = policy;
        this.requester = requester;
        this.limits = limits;
    }

    /**
     * @param headers request headers, names lower-cased
     * @param body    request body
     */
    public Reply handle(Map<String, String> headers, byte[] body) {
        if (!limits.auth().admits(headers.get("authorization"),
                headers.get(NotificationAuth.SIGNATURE_HEADER.toLowerCase(Locale.ROOT)), body)) {
            return error(401, "missing or invalid Authorization bearer token or " + NotificationAuth.SIGNATURE_HEADER
                    + " body signature");
        }
        try {
            String ceType = headers.get("ce-type");
            String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            byte[] data = body;
            if (ceType == null && contentType.startsWith("application/cloudevents+json")) {
                JsonNode envelope = mapper.readTree(body);
                ceType = envelope.path("type").asText(null);
                JsonNode d = envelope.get("data");
                if (d == null) {
                    throw new NotificationFormatException("structured CloudEvent has no 'data'");
                }
                data = d.isTextual() ? d.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : mapper.writeValueAsBytes(d);
            }
            String type = ceType;
            byte[] payload = data;
            IncomingObjectTrigger.Plan plan = new IncomingObjectTrigger(parser, policy, (id, in) -> { })
                    .plan(type, payload, limits.maxRecords());
            if (plan.anyUnsafe() || plan.accepted().isEmpty()) {
                return reply(422, new IncomingObjectTrigger.Outcome(List.of(),
                        plan.rejected().stream().map(IncomingObjectPolicy.Verdict::reason).toList()));
            }
            if (requester.isEmpty()) {
                return error(503, "no RunRequester is wired: runs cannot be requested from this deployment");
            }
            IncomingObjectTrigger.Outcome done = new IncomingObjectTrigger(parser, policy, requester.get())
                    .execute(plan, limits.recent());
            return reply(done.anyStarted() ? 202 : 200, done);
        } catch (IncomingObjectTrigger.TooManyRecordsException e) {
            return error(413, e.getMessage());
        } catch (NotificationFormatException e) {
            return error(400, e.getMessage());
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
                return error(400, "body is not valid JSON: " + jpe.getOriginalMessage());
            }
            return error(502, "run request failed: " + e.getMessage());
        }
    }

    private Reply reply(int status, IncomingObjectTrigger.Outcome o) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode started = root.putArray("started");
        for (IncomingObjectTrigger.Started s : o.started()) {
            started.addObject().put("runId", s.runId()).put("bucket", s.input().bucket()).put("key", s.input().key())
                    .put("size", s.input().size()).put("eTag", s.input().eTag());
        }
        ArrayNode rejected = root.putArray("rejected");
        o.rejected().forEach(rejected::add);
        ArrayNode duplicates = root.putArray("duplicates");
        o.duplicates().forEach(d -> duplicates.add(d.runId()));
        return new Reply(status, root.toString());
    }

    private Reply error(int status, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("error", message);
        root.putArray("started");
        root.putArray("rejected");
        root.putArray("duplicates");
        return new Reply(status, root.toString());
    }

}
