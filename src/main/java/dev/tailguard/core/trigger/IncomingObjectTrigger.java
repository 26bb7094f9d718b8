package dev.tailguard.core.trigger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a notification (raw webhook JSON or CloudEvent data) into run requests in two steps: {@link #plan} parses,
 * caps the record count and applies the {@link IncomingObjectPolicy} without side effects; {@link #execute} calls
 * the {@link RunRequester} once per accepted object version. Rejected records start nothing and are reported with
 * their typed reason.
 */
public final class IncomingObjectTrigger {

    private final NotificationParser parser;
    private final IncomingObjectPolicy policy;
    private final RunRequester requester;

    /**
     * @param parser    reads the notification's wire format (the adapter, e.g. {@code cloud.events.ObjectNotificationParser})
     * @param policy    decides which objects start a run
     * @param requester requests one run per accepted object
     */
    public IncomingObjectTrigger(NotificationParser parser, IncomingObjectPolicy policy, RunRequester requester) {
        this.parser = Objects.requireNonNull(parser);
        this.policy = Objects.requireNonNull(policy);
        this.requester = Objects.requireNonNull(requester);
    }

    /** Handles a raw notification body. Malformed bodies raise {@link NotificationFormatException}. */
    public Outcome onNotification(byte[] body) throws IOException {
        return execute(plan(null, body, Integer.MAX_VALUE), null);
    }

    /** Handles the data of a CloudEvent of the given type. */
    public Outcome onCloudEvent(String ceType, byte[] data) throws IOException {
        return execute(plan(ceType, data, Integer.MAX_VALUE), null);
    }

    /** {@link #onCloudEvent} when {@code ceType} is set (binary or structured CloudEvent), else {@link #onNotification}. */
    public Outcome onCloudEventOrNotification(String ceType, byte[] body) throws IOException {
        return execute(plan(ceType, body, Integer.MAX_VALUE), null);
    }

    /**
     * Parses and judges a notification without requesting anything.
     *
     * @param ceType     CloudEvent type, or null for a raw notification
     * @param body       notification body (CloudEvent data)
     * @param maxRecords most records one notification may carry
     * @throws TooManyRecordsException when it carries more
     */
    public Plan plan(String ceType, byte[] body, int maxRecords) {
        List<ObjectEvent> events = ceType == null ? parser.parse(body) : parser.parseCloudEvent(ceType, body);
        if (events.size() > maxRecords) {
            throw new TooManyRecordsException(events.size(), maxRecords);
        }
        Map<String, Started> accepted = new LinkedHashMap<>();
        List<IncomingObjectPolicy.Verdict> rejected = new ArrayList<>();
        for (ObjectEvent e : events) {
            IncomingObjectPolicy.Verdict v = policy.check(e);
            if (v.isAccepted()) {
                String runId = RunIds.forObject(v.accepted());
                if (accepted.putIfAbsent(runId, new Started(runId, v.accepted())) != null) {
                    rejected.add(IncomingObjectPolicy.Verdict.reject(e, RejectReason.DUPLICATE, "object "
                            + e.uri() + " is repeated in this notification (run " + runId + ")"));
                }
            } else {
                rejected.add(v);
            }
        }
        return new Plan(List.copyOf(accepted.values()), List.copyOf(rejected));
    }

    /**
     * Requests the planned runs. With {@code recent} set, a run id this process already requested is not requested
     * again but listed in {@link Outcome#duplicates()}.
     */
    public Outcome execute(Plan plan, RecentRunIds recent) throws IOException {
        List<Started> started = new ArrayList<>();
        List<Started> duplicates = new ArrayList<>();
        for (Started s : plan.accepted()) {
            if (recent != null && !recent.firstTime(s.runId())) {
                duplicates.add(s);
                continue;
            }
            try {
                requester.requestRun(s.runId(), s.input());
            } catch (IOException | RuntimeException e) {
                if (recent != null) {
                    recent.forget(s.runId());
                }
                throw e;
            }
            started.add(s);
        }
        List<String> reasons = plan.rejected().stream().map(IncomingObjectPolicy.Verdict::reason).toList();
        return new Outcome(List.copyOf(started), reasons, List.copyOf(duplicates));
    }

    /** What a notification would do: the accepted objects (one per run id) and the rejected records. */
    public record Plan(List<Started> accepted, List<IncomingObjectPolicy.Verdict> rejected) {

        /** Whether any record names an unsafe key; then the whole notification is refused. */
        public boolean anyUnsafe() {
            return rejected.stream().anyMatch(v -> v.rejectedAs() == RejectReason.UNSAFE_KEY);
        }
    }

    /** A run requested for an object. */
    public record Started(String runId, ObjectCreated input) {
    }

    /**
     * What happened to one notification. An HTTP adapter answers 202 when {@link #anyStarted()}, otherwise 422
     * with {@link #rejected()} as the reasons.
     *
     * @param started    runs requested now
     * @param rejected   reasons of the records that start nothing
     * @param duplicates accepted objects whose run this process had already requested
     */
    public record Outcome(List<Started> started, List<String> rejected, List<Started> duplicates) {

        /** An outcome without duplicates. */
        public Outcome(List<Started> started, List<String> rejected) {
            this(started, rejected, List.of());
        }

        /** Whether at least one run was requested. */
        public boolean anyStarted() {
            return !started.isEmpty();
        }
    }

    /** A notification carries more records than {@code tailguard.trigger.max-records} allows. */
    public static final class TooManyRecordsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Records in the notification. */
        public final int records;
        /** The cap. */
        public final int max;

        TooManyRecordsException(int records, int max) {
            super("notification carries " + records + " records, more than tailguard.trigger.max-records=" + max
                    + "; nothing was started");
            this.records = records;
            this.max = max;
        }
    }
}
