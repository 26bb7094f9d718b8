package dev.tailguard.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * A CloudEvent received in Kafka binary mode (CloudEvents Kafka protocol binding 1.0: attributes in {@code ce_*}
 * headers, the data in the record value).
 *
 * @param id     {@code ce_id}
 * @param type   {@code ce_type}
 * @param source {@code ce_source}
 * @param data   the record value (JSON)
 */
public record KafkaCloudEvent(String id, String type, String source, String data) {

    /**
     * Reads the event through the CloudEvents SDK's Kafka binding ({@code io.cloudevents:cloudevents-kafka}: binary
     * mode {@code ce_*} headers, or structured mode) and checks it: spec version 1.0, non-blank id and source, the
     * expected type, a JSON object body.
     *
     * @throws IllegalArgumentException naming the topic, partition, offset and the problem
     */
    public static KafkaCloudEvent read(ConsumerRecord<String, String> record, String expectedType) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String spec = header(record, "ce_specversion");
        if (spec != null && !"1.0".equals(spec)) {
            throw new IllegalArgumentException("record " + where + " is not a CloudEvent 1.0 (ce_specversion=" + spec + ")");
        }
        byte[] value = record.value() == null ? null : record.value().getBytes(StandardCharsets.UTF_8);
        CloudEvent ce;
        try {
            ce = KafkaMessageFactory.createReader(record.headers(), value).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new IllegalArgumentException("record " + where + " is not a CloudEvent 1.0 (" + e.getMessage() + ")", e);
        }
        String id = ce.getId();
        String type = ce.getType();
        String source = ce.getSource() == null ? null : ce.getSource().toString();
        if (id == null || id.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("record " + where + ": missing ce_id or ce_source");
        }
        if (!expectedType.equals(type)) {
            throw new IllegalArgumentException("record " + where + ": ce_type " + type + " on the topic of " + expectedType);
        }
        String data = ce.getData() == null ? null : new String(ce.getData().toBytes(), StandardCharsets.UTF_8);
        if (data == null || !data.stripLeading().startsWith("{")) {
            throw new IllegalArgumentException("record " + where + ": data of " + type + " must be a JSON object");
        }
        return new KafkaCloudEvent(id, type, source, data);
    }

    /** The last value of a header as UTF-8, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
