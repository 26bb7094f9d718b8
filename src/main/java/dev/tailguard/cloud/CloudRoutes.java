package dev.tailguard.cloud;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.tailguard.cloud.crd.ControllerLifecycle;
import dev.tailguard.cloud.events.ObjectNotificationHandler;
import dev.tailguard.core.trigger.IncomingObjectPolicy;
import dev.tailguard.core.trigger.NotificationAuth;
import dev.tailguard.core.trigger.RecentRunIds;
import dev.tailguard.core.trigger.RunRequester;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * HTTP endpoints of the cloud adapters, registered only where enabled (so stage pods expose nothing extra):
 * <ul>
 *   <li>{@code POST /notifications/object-storage} when {@code tailguard.trigger.enabled=true} (the ingest
 *       service): MinIO/S3 notifications and S3 CloudEvents, see {@link ObjectNotificationHandler};</li>
 *   <li>{@code POST /events} when {@code tailguard.controller.enabled=true}: any CloudEvent (the
 *       {@code dev.tailguard.run.reported} Trigger) makes the controller refresh run statuses.</li>
 * </ul>
 * Config: {@code tailguard.store.s3.bucket} (the watched bucket), {@code tailguard.trigger.prefix}
 * (default {@code incoming/}), {@code tailguard.trigger.auth-token} (MinIO webhook {@code auth_token}: requests must
 * carry {@code Authorization: Bearer <token>}) and/or {@code tailguard.trigger.hmac-secret} (requests must carry
 * {@code X-Tailguard-Signature: sha256=<hex HMAC-SHA256 of the body>}); with neither the endpoint is not served
 * (404) and an error is logged at startup. {@code tailguard.trigger.max-records} (default 100) caps the records of
 * one notification (413 beyond); {@code tailguard.trigger.dedupe-capacity} (default 10000) is how many requested
 * run ids are remembered to answer repeated notifications without starting the run again.
 */
@ApplicationScoped
public class CloudRoutes {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CloudRoutes.class);

    /** Path of the object-storage notification endpoint. */
    public static final String NOTIFICATIONS_PATH = "/notifications/object-storage";
    /** Path the controller receives events on. */
    public static final String EVENTS_PATH = "/events";

    @ConfigProperty(name = "tailguard.trigger.enabled", defaultValue = "false")
    boolean triggerEnabled;

    @ConfigProperty(name = "tailguard.trigger.prefix", defaultValue = IncomingObjectPolicy.DEFAULT_PREFIX)
    String prefix;

    @ConfigProperty(name = "tailguard.store.s3.bucket")
    Optional<String> bucket;

    @ConfigProperty(name = "tailguard.trigger.auth-token")
    Optional<String> authToken;

    @ConfigProperty(name = "tailguard.trigger.hmac-secret")
    Optional<String> hmacSecret;

    @ConfigProperty(name = "tailguard.trigger.max-records", defaultValue = "100")
    int maxRecords;

    @ConfigProperty(name = "tailguard.trigger.dedupe-capacity", defaultValue = "10000")
    int dedupeCapacity;

    @Inject
    Instance<RunRequester> requesters;

    @Inject
    ControllerLifecycle controller;

    void register(@Observes Router router) {
        NotificationAuth auth = new NotificationAuth(authToken, hmacSecret);
        if (triggerEnabled && !auth.configured()) {
            LOG.error("tailguard.trigger.enabled=true but neither tailguard.trigger.auth-token nor "
                    + "tailguard.trigger.hmac-secret is set: " + NOTIFICATIONS_PATH + " is NOT served (404)");
        } else if (triggerEnabled) {
            String watched = bucket.filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "tailguard.trigger.enabled=true needs tailguard.store.s3.bucket (the bucket to watch)"));
            ObjectNotificationHandler handler = new ObjectNotificationHandler(
                    new IncomingObjectPolicy(watched, prefix),
                    requesters.isResolvable() ? Optional.of(requesters.get()) : Optional.empty(),
                    new ObjectNotificationHandler.Limits(auth, maxRecords, new RecentRunIds(dedupeCapacity)));
            router.post(NOTIFICATIONS_PATH).order(-100).handler(BodyHandler.create().setBodyLimit(1 << 20))
                    .blockingHandler(ctx -> {
                        Map<String, String> headers = new HashMap<>();
                        ctx.request().headers().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT),
                                h.getValue()));
                        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
                        ObjectNotificationHandler.Reply reply = handler.handle(headers, body);
                        ctx.response().setStatusCode(reply.status()).putHeader("content-type", "application/json")
                                .end(reply.json());
                    });
        }
        if (controller.enabled()) {
            router.post(EVENTS_PATH).order(-100).handler(ctx -> {
                controller.refreshAll();
                ctx.response().setStatusCode(202).end();
            });
        }
    }
}
