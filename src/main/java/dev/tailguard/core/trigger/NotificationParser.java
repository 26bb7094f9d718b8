package dev.tailguard.core.trigger;

import java.util.List;

/**
 * The port through which {@link IncomingObjectTrigger} reads an object-storage notification. The wire formats (AWS S3,
 * SNS, MinIO, EventBridge JSON) are parsed by an adapter ({@code dev.tailguard.cloud.events.ObjectNotificationParser});
 * core sees only the typed {@link ObjectEvent}s.
 */
public interface NotificationParser {

    /**
     * Parses a raw notification body (as POSTed by a MinIO webhook target or an SNS HTTP subscription).
     *
     * @throws NotificationFormatException when the body is not a recognised notification; the message names the field
     */
    List<ObjectEvent> parse(byte[] body);

    /**
     * Parses the data of a CloudEvent whose type may name the S3 event the data record does not.
     *
     * @throws NotificationFormatException when the data is not a recognised notification
     */
    List<ObjectEvent> parseCloudEvent(String ceType, byte[] data);
}
