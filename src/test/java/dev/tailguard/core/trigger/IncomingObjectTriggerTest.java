package dev.tailguard.core.trigger;

import dev.tailguard.cloud.events.ObjectNotificationParser;

import static dev.tailguard.cloud.events.ObjectNotificationParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IncomingObjectTriggerTest {

    private final List<String> requested = new ArrayList<>();
    private final IncomingObjectTrigger trigger = new IncomingObjectTrigger(new ObjectNotificationParser(),
            IncomingObjectPolicy.forBucket("tailguard-corpora"), (runId, in) -> requested.add(runId + " " + in.key()));

    @Test
    void mixedNotificationStartsOnlyTheCreatedJsonl() throws Exception {
        IncomingObjectTrigger.Outcome o = trigger.onNotification(sample("aws-s3-multipart-and-delete.json"));
        assertThat(o.anyStarted()).isTrue();
        assertThat(o.started()).singleElement().satisfies(s -> {
            assertThat(s.runId()).startsWith("moby-dick-");
            assertThat(s.input().key()).isEqualTo("incoming/moby-dick.jsonl.zst");
        });
        assertThat(o.rejected()).containsExactly("object s3://tailguard-corpora/incoming/old.jsonl was deleted "
                + "(ObjectRemoved:Delete); only created objects start runs");
        assertThat(requested).containsExactly(o.started().get(0).runId() + " incoming/moby-dick.jsonl.zst");
    }

    @Test
    void rejectedCloudEventStartsNothing() throws Exception {
        IncomingObjectTrigger.Outcome o = trigger.onCloudEvent("com.amazonaws.s3.ObjectCreated:Copy",
                sample("cloudevent-aws-s3-record.json"));
        assertThat(o.anyStarted()).isFalse();
        assertThat(o.rejected()).containsExactly(
                "key 'incoming/notes.txt' is not a JSONL corpus (expected .jsonl or .jsonl.zst)");
        assertThat(requested).isEmpty();
    }

    @Test
    void redeliveredNotificationMapsToTheSameRunId() throws Exception {
        String first = trigger.onNotification(sample("aws-s3-put.json")).started().get(0).runId();
        String again = trigger.onNotification(sample("aws-s3-put.json")).started().get(0).runId();
        assertThat(again).isEqualTo(first);
    }
}
