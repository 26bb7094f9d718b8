package dev.tailguard.cloud.events;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.trigger.NotificationFormatException;
import dev.tailguard.core.trigger.NotificationParser;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.ObjectEvent;
import dev.tailguard.core.trigger.ObjectRemoved;
import dev.tailguard.core.trigger.OtherObjectEvent;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses object-storage notifications into {@link ObjectEvent}s. Accepted shapes:
 * <ul>
 *   <li>AWS S3 event notification ({@code {"Records":[{"eventName":"ObjectCreated:Put","s3":{...}}]}},
 *       keys URL-encoded), also wrapped in an SNS HTTP {@code Notification} envelope;</li>
 *   <li>MinIO bucket notification (webhook/Kafka/NATS target: {@code {"EventName":"s3:ObjectCreated:Put",
 *       "Key":"bucket/key","Records":[...]}}, keys URL-encoded);</li>
 *   <li>a single S3 event record, as carried in the data of a CloudEvent made by the CloudEvents AWS S3 adapter
 *       ({@code type = com.amazonaws.s3.<eventName>});</li>
 *   <li>an Amazon EventBridge S3 event ({@code "source":"aws.s3","detail-type":"Object Created"}, keys not
 *       encoded);</li>
 *   <li>the {@code s3:TestEvent} AWS sends when a notification configuration is saved.</li>
 * </ul>
 * Malformed input raises {@link NotificationFormatException} naming the offending field. The adapter behind core's
 * {@link NotificationParser} port.
 */
public final class ObjectNotificationParser implements NotificationParser {

    private static final String CE_AWS_PREFIX = "com.amazonaws.s3.";
    private static final String CE_TRIGGERMESH_PREFIX = "com.amazon.s3.";

    private final ObjectMapper json;

    public ObjectNotificationParser() {
        this(Json.MAPPER);
    }

    public ObjectNotificationParser(ObjectMapper json) {
        this.json = json;
    }

    /** Parses a raw notification body (as POSTed by a MinIO webhook target or an SNS HTTP subscription). */
    @Override
    public List<ObjectEvent> parse(byte[] body) {
        return parseNode(read(body), null);
    }

    /**
     * Parses the data of a CloudEvent. The CloudEvent type names the S3 event when the data record does not
     * (e.g. {@code com.amazonaws.s3.ObjectCreated:Put}, TriggerMesh's {@code com.amazon.s3.objectcreated}).
     */
    @Override
    public List<ObjectEvent> parseCloudEvent(String ceType, byte[] data) {
        return parseNode(read(data), eventNameFromCeType(ceType));
    }

    static String eventNameFromCeType(String ceType) {
        if (ceType == null) {
            return null;
        }
        if (ceType.startsWith(CE_AWS_PREFIX)) {
            return ceType.substring(CE_AWS_PREFIX.length());
        }
        if (ceType.startsWith(CE_TRIGGERMESH_PREFIX)) {
            return ceType.substring(CE_TRIGGERMESH_PREFIX.length());
        }
        return null;
    }

    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new NotificationFormatException("notification body is empty");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new NotificationFormatException("notification body is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new NotificationFormatException("notification body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new NotificationFormatException("notification body cannot be read: " + e.getMessage(), e);
        }
    }

    private List<ObjectEvent> parseNode(JsonNode root, String fallbackEventName) {
        if (root.path("Type").asText().equals("Notification") && root.path("Message").isTextual()) {
            return parseNode(read(root.get("Message").asText().getBytes(StandardCharsets.UTF_8)), fallbackEventName);
        }
        if (root.has("Records")) {
            JsonNode records = root.get("Records");
            if (!records.isArray() || records.isEmpty()) {
                throw new NotificationFormatException("Records must be a non-empty array");
            }
            String minioName = root.path("EventName").asText(null);
            List<ObjectEvent> events = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                events.add(record(records.get(i), "Records[" + i + "]",
                        minioName != null ? minioName : fallbackEventName));
            }
            return List.copyOf(events);
        }
        if (root.has("s3")) {
            return List.of(record(root, "record", fallbackEventName));
        }
        if (root.path("source").asText().equals("aws.s3") && root.has("detail")) {
            return List.of(eventBridge(root));
        }
        if (root.path("Event").asText().equals("s3:TestEvent")) {
            return List.of(new OtherObjectEvent(root.path("Bucket").asText(""), "", "s3:TestEvent"));
        }
        throw new NotificationFormatException("not an object-storage notification: expected 'Records' (AWS S3/MinIO), "
                + "an S3 event record with 's3', an EventBridge event with source 'aws.s3', or s3:TestEvent");
    }

    private ObjectEvent record(JsonNode r, String path, String fallbackEventName) {
        if (!r.isObject()) {
            throw new NotificationFormatException(path + " is not an object");
        }
        String eventName = r.path("eventName").asText(null);
        if (eventName == null || eventName.isBlank()) {
            eventName = fallbackEventName;
        }
        if (eventName == null || eventName.isBlank()) {
            throw new NotificationFormatException(path + ".eventName is missing");
        }
        String bucket = text(r, path, "s3", "bucket", "name");
        String key = decode(text(r, path, "s3", "object", "key"), path + ".s3.object.key");
        JsonNode object = r.path("s3").path("object");
        return classify(eventName, bucket, key, size(object, path + ".s3.object.size"), object.path("eTag").asText(""));
    }

    private ObjectEvent eventBridge(JsonNode root) {
        String detailType = root.path("detail-type").asText("");
        JsonNode detail = root.get("detail");
        String bucket = text(detail, "detail", "bucket", "name");
        String key = text(detail, "detail", "object", "key");
        JsonNode object = detail.path("object");
        String name = switch (detailType) {
            case "Object Created" -> "ObjectCreated:" + detail.path("reason").asText("");
            case "Object Deleted" -> "ObjectRemoved:" + detail.path("reason").asText("");
            default -> detailType;
        };
        return classify(name, bucket, key, size(object, "detail.object.size"), object.path("etag").asText(""));
    }

    private static ObjectEvent classify(String eventName, String bucket, String key, long size, String eTag) {
        String n = eventName.toLowerCase(Locale.ROOT);
        if (n.startsWith("s3:")) {
            n = n.substring(3);
        }
        if (n.startsWith("objectcreated")) {
            return new ObjectCreated(bucket, key, size, eTag);
        }
        if (n.startsWith("objectremoved")) {
            return new ObjectRemoved(bucket, key, eventName);
        }
        return new OtherObjectEvent(bucket, key, eventName);
    }

    private static String text(JsonNode node, String path, String... fields) {
        JsonNode n = node;
        StringBuilder p = new StringBuilder(path);
        for (String f : fields) {
            p.append('.').append(f);
            n = n.path(f);
        }
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new NotificationFormatException(p + " is missing or not a string");
        }
        return n.asText();
    }

    private static long size(JsonNode object, String path) {
        JsonNode s = object.path("size");
        if (s.isMissingNode() || s.isNull()) {
            return -1;
        }
        if (s.canConvertToLong() && s.asLong() >= 0) {
            return s.asLong();
        }
        throw new NotificationFormatException(path + " must be a non-negative integer, was " + s);
    }

    private static String decode(String key, String path) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new NotificationFormatException(path + " is not a valid URL-encoded key: " + key, e);
        }
    }
}
