package dev.tailguard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Pipeline events read from Kafka records through the CloudEvents SDK's Kafka binding. */
class KafkaCloudEventTest {

    private static final String TYPE = "dev.tailguard.synthetic.generated";

    private static ConsumerRecord<String, String> record(String value, String... headers) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("tailguard.synthetic.generated", 1, 42L, "run-1", value);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    @Test
    void binaryModeRecordIsRead() {
        KafkaCloudEvent ev = KafkaCloudEvent.read(record("{\"runId\":\"run-1\"}", "ce_specversion", "1.0",
                "ce_id", "run-1/" + TYPE, "ce_type", TYPE, "ce_source", "dev.tailguard/generate",
                "content-type", "application/json"), TYPE);
        assertThat(ev).isEqualTo(new KafkaCloudEvent("run-1/" + TYPE, TYPE, "dev.tailguard/generate",
                "{\"runId\":\"run-1\"}"));
    }

    @Test
    void structuredModeRecordIsRead() {
        String ce = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"type\":\"" + TYPE + "\",\"source\":\"/x\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"runId\":\"run-1\"}}";
        KafkaCloudEvent ev = KafkaCloudEvent.read(record(ce, "content-type", "application/cloudevents+json"), TYPE);
        assertThat(ev.id()).isEqualTo("e1");
        assertThat(ev.data()).contains("\"runId\"").contains("run-1");
    }

    @Test
    void problemsNameTheRecordAndTheAttribute() {
        assertThatThrownBy(() -> KafkaCloudEvent.read(record("{}"), TYPE))
                .hasMessageStartingWith("record tailguard.synthetic.generated-1@42 is not a CloudEvent 1.0");
        assertThatThrownBy(() -> KafkaCloudEvent.read(record("{}", "ce_specversion", "0.3", "ce_id", "x",
                "ce_type", TYPE, "ce_source", "/x"), TYPE)).hasMessageContaining("ce_specversion=0.3");
        assertThatThrownBy(() -> KafkaCloudEvent.read(record("{}", "ce_specversion", "1.0", "ce_id", "x",
                "ce_type", "dev.tailguard.run.reported", "ce_source", "/x"), TYPE))
                .hasMessageContaining("ce_type dev.tailguard.run.reported on the topic of " + TYPE);
        assertThatThrownBy(() -> KafkaCloudEvent.read(record("[1]", "ce_specversion", "1.0", "ce_id", "x",
                "ce_type", TYPE, "ce_source", "/x"), TYPE)).hasMessageContaining("must be a JSON object");
    }
}
