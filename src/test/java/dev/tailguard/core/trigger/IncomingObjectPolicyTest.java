package dev.tailguard.core.trigger;

import dev.tailguard.cloud.events.ObjectNotificationParser;

import static dev.tailguard.cloud.events.ObjectNotificationParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncomingObjectPolicyTest {

    private final ObjectNotificationParser parser = new ObjectNotificationParser();
    private final IncomingObjectPolicy policy = IncomingObjectPolicy.forBucket("corpora");

    @Test
    void acceptsCreatedJsonlUnderIncoming() {
        IncomingObjectPolicy.Verdict v = policy.check(parser.parse(sample("minio-put.json")).get(0));
        assertThat(v.isAccepted()).isTrue();
        assertThat(v.reason()).isNull();
        assertThat(v.accepted().key()).isEqualTo("incoming/moby dick+v2.jsonl");
        assertThat(policy.check(new ObjectCreated("corpora", "incoming/a/b.jsonl.zst", 10, "e")).isAccepted())
                .isTrue();
        assertThat(policy.check(new ObjectCreated("corpora", "incoming/size-unknown.jsonl", -1, "")).isAccepted())
                .isTrue();
    }

    @Test
    void rejectsUnknownBucket() {
        IncomingObjectPolicy.Verdict v = policy.check(parser.parse(sample("aws-s3-put.json")).get(0));
        assertThat(v.isAccepted()).isFalse();
        assertThat(v.reason()).isEqualTo("unknown bucket 'tailguard-corpora' (this deployment watches 'corpora')");
    }

    @Test
    void rejectsDeletedObject() {
        assertThat(policy.check(parser.parse(sample("minio-delete.json")).get(0)).reason())
                .isEqualTo("object s3://corpora/incoming/sotu.jsonl was deleted (s3:ObjectRemoved:Delete); "
                        + "only created objects start runs");
    }

    @Test
    void rejectsNonJsonlKeyOutsidePrefixOtherEventsAndEmptyObjects() {
        IncomingObjectPolicy aws = IncomingObjectPolicy.forBucket("tailguard-corpora");
        assertThat(aws.check(parser.parseCloudEvent("com.amazonaws.s3.ObjectCreated:Copy",
                sample("cloudevent-aws-s3-record.json")).get(0)).reason())
                .isEqualTo("key 'incoming/notes.txt' is not a JSONL corpus (expected .jsonl or .jsonl.zst)");
        assertThat(policy.check(new ObjectCreated("corpora", "runs/r1/synthetic/part-0.jsonl", 5, "e")).reason())
                .isEqualTo("key 'runs/r1/synthetic/part-0.jsonl' is outside the incoming prefix 'incoming/'");
        assertThat(policy.check(new ObjectCreated("corpora", "incoming/x.jsonl.gz", 5, "e")).reason())
                .isEqualTo("key 'incoming/x.jsonl.gz' is not a JSONL corpus (expected .jsonl or .jsonl.zst)");
        assertThat(policy.check(new ObjectCreated("corpora", "incoming/empty.jsonl", 0, "e")).reason())
                .isEqualTo("object s3://corpora/incoming/empty.jsonl is empty (0 bytes)");
        assertThat(aws.check(parser.parse(sample("s3-test-event.json")).get(0)).reason())
                .isEqualTo("event s3:TestEvent for s3://tailguard-corpora/ is not an object-created event");
        assertThat(new IncomingObjectPolicy("corpora", "").check(
                new ObjectCreated("corpora", "anywhere.jsonl", 5, "e")).isAccepted()).isTrue();
    }

    @Test
    void runIdsAreStableAndDistinguishObjectVersions() {
        ObjectCreated v1 = new ObjectCreated("corpora", "incoming/Moby Dick+v2.jsonl.zst", 5, "aaa");
        String id = RunIds.forObject(v1);
        assertThat(id).matches("moby-dick-v2-[0-9a-f]{12}");
        assertThat(RunIds.forObject(new ObjectCreated("corpora", "incoming/Moby Dick+v2.jsonl.zst", 9, "aaa")))
                .isEqualTo(id);
        assertThat(RunIds.forObject(new ObjectCreated("corpora", "incoming/Moby Dick+v2.jsonl.zst", 5, "bbb")))
                .isNotEqualTo(id);
        assertThat(RunIds.forObject(new ObjectCreated("corpora", "incoming/___.jsonl", 5, "e")))
                .matches("run-[0-9a-f]{12}");
        assertThat(RunIds.forObject(new ObjectCreated("corpora", "incoming/" + "x".repeat(80) + ".jsonl", 5, "e")))
                .hasSize(40 + 1 + 12);
    }
}
