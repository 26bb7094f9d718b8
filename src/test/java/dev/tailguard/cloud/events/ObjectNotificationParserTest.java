package dev.tailguard.cloud.events;

import dev.tailguard.core.trigger.NotificationFormatException;
import dev.tailguard.core.trigger.ObjectCreated;
import dev.tailguard.core.trigger.ObjectEvent;
import dev.tailguard.core.trigger.ObjectRemoved;
import dev.tailguard.core.trigger.OtherObjectEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

public class ObjectNotificationParserTest {

    private final ObjectNotificationParser parser = new ObjectNotificationParser();

    public static byte[] sample(String name) {
        try (InputStream in = ObjectNotificationParserTest.class.getResourceAsStream("/notifications/" + name)) {
            assertThat(in).as("sample " + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void awsPutDecodesFormEncodedKey() {
        assertThat(parser.parse(sample("aws-s3-put.json"))).containsExactly(
                new ObjectCreated("tailguard-corpora", "incoming/sotu 2024(1).jsonl", 10842311,
                        "d41d8cd98f00b204e9800998ecf8427e"));
    }

    @Test
    void awsMultipartAndDeleteInOneNotification() {
        assertThat(parser.parse(sample("aws-s3-multipart-and-delete.json"))).containsExactly(
                new ObjectCreated("tailguard-corpora", "incoming/moby-dick.jsonl.zst", 483123,
                        "9b2cf535f27731c974343645a3985328-3"),
                new ObjectRemoved("tailguard-corpora", "incoming/old.jsonl", "ObjectRemoved:Delete"));
    }

    @Test
    void minioWebhookPut() {
        assertThat(parser.parse(sample("minio-put.json"))).containsExactly(
                new ObjectCreated("corpora", "incoming/moby dick+v2.jsonl", 1271830,
                        "1f9ae70259a36b5c1b5692f91386bb75"));
    }

    @Test
    void minioDelete() {
        assertThat(parser.parse(sample("minio-delete.json"))).containsExactly(
                new ObjectRemoved("corpora", "incoming/sotu.jsonl", "s3:ObjectRemoved:Delete"));
    }

    @Test
    void cloudEventCarryingOneRecordOrAWholeNotification() {
        assertThat(parser.parseCloudEvent("com.amazonaws.s3.ObjectCreated:Copy", sample("cloudevent-aws-s3-record.json")))
                .containsExactly(new ObjectCreated("tailguard-corpora", "incoming/notes.txt", 812,
                        "0123456789abcdef0123456789abcdef"));
        assertThat(parser.parseCloudEvent("dev.knative.eventing.minio", sample("minio-put.json")))
                .singleElement().isInstanceOf(ObjectCreated.class);
    }

    @Test
    void cloudEventTypeNamesTheEventWhenTheRecordDoesNot() {
        String record = "{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"incoming/a.jsonl\",\"size\":3}}}";
        byte[] data = record.getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parseCloudEvent("com.amazonaws.s3.ObjectCreated:Put", data))
                .containsExactly(new ObjectCreated("b", "incoming/a.jsonl", 3, ""));
        assertThat(parser.parseCloudEvent("com.amazon.s3.objectremoved", data))
                .containsExactly(new ObjectRemoved("b", "incoming/a.jsonl", "objectremoved"));
        assertThatThrownBy(() -> parser.parseCloudEvent("org.example.other", data))
                .isInstanceOf(NotificationFormatException.class)
                .hasMessage("record.eventName is missing");
    }

    @Test
    void eventBridgeKeysAreNotDecoded() {
        assertThat(parser.parse(sample("eventbridge-object-created.json"))).containsExactly(
                new ObjectCreated("tailguard-corpora", "incoming/web crawl.jsonl", 5,
                        "b1946ac92492d2347c6235b4d2611184"));
    }

    @Test
    void snsEnvelopeIsUnwrapped() throws IOException {
        String inner = new String(sample("aws-s3-put.json"), StandardCharsets.UTF_8);
        String sns = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                "Type", "Notification", "MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
                "TopicArn", "arn:aws:sns:eu-central-1:111122223333:tailguard", "Message", inner));
        assertThat(parser.parse(sns.getBytes(StandardCharsets.UTF_8))).singleElement()
                .isEqualTo(new ObjectCreated("tailguard-corpora", "incoming/sotu 2024(1).jsonl", 10842311,
                        "d41d8cd98f00b204e9800998ecf8427e"));
    }

    @Test
    void testEventIsABucketLevelOtherEvent() {
        assertThat(parser.parse(sample("s3-test-event.json")))
                .containsExactly(new OtherObjectEvent("tailguard-corpora", "", "s3:TestEvent"));
    }

    @Test
    void malformedBodiesNameTheField() {
        assertThatThrownBy(() -> parser.parse(new byte[0])).hasMessage("notification body is empty");
        assertThatThrownBy(() -> parser.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("notification body is not a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("Records must be a non-empty array");
        assertThatThrownBy(() -> parser.parse(("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}}]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotificationFormatException.class)
                .hasMessage("Records[0].s3.object.key is missing or not a string");
        assertThatThrownBy(() -> parser.parse(("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\",\"size\":\"big\"}}}]}")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("Records[0].s3.object.size must be a non-negative integer, was \"big\"");
        assertThatThrownBy(() -> parser.parse(("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"incoming%zz.jsonl\"}}}]}")
                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("Records[0].s3.object.key is not a valid URL-encoded key");
        assertThatThrownBy(() -> parser.parse("{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not an object-storage notification");
        assertThatThrownBy(() -> parser.parse("{not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("notification body is not valid JSON");
    }

    @Test
    void eventNameFromCeType() {
        assertThat(List.of(
                String.valueOf(ObjectNotificationParser.eventNameFromCeType("com.amazonaws.s3.ObjectCreated:Put")),
                String.valueOf(ObjectNotificationParser.eventNameFromCeType("com.amazon.s3.objectcreated")),
                String.valueOf(ObjectNotificationParser.eventNameFromCeType("dev.tailguard.run.requested"))))
                .containsExactly("ObjectCreated:Put", "objectcreated", "null");
    }
}
