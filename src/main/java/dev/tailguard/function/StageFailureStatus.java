package dev.tailguard.function;

import dev.tailguard.core.io.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a permanent stage failure on {@code POST /} with 422 and a one-line reason instead of Funqy's 500, so a
 * broker does not redeliver it (Knative's data plane retries 404, 409, 429 and 5xx, not 400 or 422). Transient
 * failures keep the 5xx and are retried; the steps are idempotent.
 */
@ApplicationScoped
public class StageFailureStatus {

    void install(@Observes Router router) {
        router.route("/").failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        StageFailedException f = find(ctx.failure());
        if (f == null || !f.permanent() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "stage failed");
        body.put("stage", f.stage());
        body.put("reason", f.getMessage());
        ctx.response().setStatusCode(422).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    private static StageFailedException find(Throwable t) {
        for (int i = 0; t != null && i < 10; i++, t = t.getCause()) {
            if (t instanceof StageFailedException s) {
                return s;
            }
        }
        return null;
    }
}
