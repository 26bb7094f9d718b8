package dev.tailguard.cloud.events;

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
import dev.tailguard.core.trigger.NotificationFormatException;
import dev.tailguard.core.trigger.ObjectNotificationParser;
import dev.tailguard.core.trigger.RunRequester;

/**
 * HTTP semantics of the object-storage notification endpoint, independent of the web framework. Accepts a raw
 * notification (MinIO webhook, SNS HTTP), a binary-mode CloudEvent ({@code ce-type} header, data in the body) or a
 * structured CloudEvent ({@code application/cloudevents+json}). Answers 202 with the started run ids when at least
 * one object starts a run, 422 with the reasons when none does, 400 for a malformed body, 503 when no
 * {@link RunRequester} is wired.
 */
public final class ObjectNotificationHandler {

    /** A response: status code and JSON body. */
    public record Reply(int status, String json) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectNotificationParser parser = new ObjectNotificationParser(mapper);
    private final IncomingObjectPolicy policy;
    private final Optional<RunRequester> requester;

    public ObjectNotificationHandler(IncomingObjectPolicy policy, Optional<RunRequester> requester) {
        this.policy = policy;
        this.requester = requester;
    }

    /**
     * @param headers request headers, names lower-cased
     * @param body    request body
     */
    public Reply handle(Map<String, String> headers, byte[] body) {
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
            IncomingObjectTrigger.Outcome dryRun = new IncomingObjectTrigger(parser, policy, (id, in) -> { })
                    .onCloudEventOrNotification(type, payload);
            if (!dryRun.anyStarted()) {
                return reply(422, dryRun);
            }
            if (requester.isEmpty()) {
                return error(503, "no RunRequester is wired: runs cannot be requested from this deployment");
            }
            return reply(202, new IncomingObjectTrigger(parser, policy, requester.get())
                    .onCloudEventOrNotification(type, payload));
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
        return new Reply(status, root.toString());
    }

    private Reply error(int status, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("error", message);
        root.putArray("started");
        root.putArray("rejected");
        return new Reply(status, root.toString());
    }

}
