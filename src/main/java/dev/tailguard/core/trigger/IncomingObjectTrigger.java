package dev.tailguard.core.trigger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a notification (raw webhook JSON or CloudEvent data) into run requests: parse, apply the
 * {@link IncomingObjectPolicy}, and call the {@link RunRequester} once per accepted object. Rejected records start
 * nothing and are reported with their reason.
 */
public final class IncomingObjectTrigger {

    private final ObjectNotificationParser parser;
    private final IncomingObjectPolicy policy;
    private final RunRequester requester;

    public IncomingObjectTrigger(ObjectNotificationParser parser, IncomingObjectPolicy policy, RunRequester requester) {
        this.parser = Objects.requireNonNull(parser);
        this.policy = Objects.requireNonNull(policy);
        this.requester = Objects.requireNonNull(requester);
    }

    /** Handles a raw notification body. Malformed bodies raise {@link NotificationFormatException}. */
    public Outcome onNotification(byte[] body) throws IOException {
        return handle(parser.parse(body));
    }

    /** Handles the data of a CloudEvent of the given type. */
    public Outcome onCloudEvent(String ceType, byte[] data) throws IOException {
        return handle(parser.parseCloudEvent(ceType, data));
    }

    /** {@link #onCloudEvent} when {@code ceType} is set (binary or structured CloudEvent), else {@link #onNotification}. */
    public Outcome onCloudEventOrNotification(String ceType, byte[] body) throws IOException {
        return ceType == null ? onNotification(body) : onCloudEvent(ceType, body);
    }

    private Outcome handle(List<ObjectEvent> events) throws IOException {
        List<Started> started = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (ObjectEvent e : events) {
            IncomingObjectPolicy.Verdict v = policy.check(e);
            if (v.isAccepted()) {
                String runId = RunIds.forObject(v.accepted());
                requester.requestRun(runId, v.accepted());
                started.add(new Started(runId, v.accepted()));
            } else {
                rejected.add(v.reason());
            }
        }
        return new Outcome(List.copyOf(started), List.copyOf(rejected));
    }

    /** A run requested for an object. */
    public record Started(String runId, ObjectCreated input) {
    }

    /**
     * What happened to one notification. An HTTP adapter answers 202 when {@link #anyStarted()}, otherwise 422
     * with {@link #rejected()} as the reasons.
     */
    public record Outcome(List<Started> started, List<String> rejected) {

        /** Whether at least one run was requested. */
        public boolean anyStarted() {
            return !started.isEmpty();
        }
    }
}
