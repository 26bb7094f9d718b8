package dev.tailguard.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * W3C trace context across the stage functions over HTTP (CloudEvents distributed-tracing extension, binary mode):
 * for every CloudEvent posted to {@code /} (a {@code ce-type} header), the stage runs in a consumer span that
 * continues the event's {@code ce-traceparent}/{@code ce-tracestate} (a new trace when it carries none), and a
 * binary-mode response event carries that span's context as {@code ce-traceparent} (and {@code ce-tracestate}), so
 * the broker delivers the next stage's event in the same trace. Structured-mode events carry {@code traceparent}
 * inside the JSON envelope, which this filter does not read (they start a new trace).
 */
@ApplicationScoped
public class CloudEventTraceFilter {

    /** Filter priority: before the Funqy route runs. */
    static final int PRIORITY = 100;
    private static final String CE_TYPE = "ce-type";

    private final Tracer tracer;

    public CloudEventTraceFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        String type = req.getHeader(CE_TYPE);
        if (req.method() != HttpMethod.POST || type == null || !"/".equals(req.path())) {
            rc.next();
            return;
        }
        Map<String, String> in = new LinkedHashMap<>();
        putIfPresent(in, req, "ce-" + CloudEventTracing.TRACEPARENT);
        putIfPresent(in, req, "ce-" + CloudEventTracing.TRACESTATE);
        Context parent = CloudEventTracing.extract(in);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            parent = CloudEventTracing.newTrace(tracer, null);
        }
        Span span = tracer.spanBuilder("tailguard " + type).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("cloudevents.event_type", type)
                .setAttribute("cloudevents.event_id", String.valueOf(req.getHeader("ce-id"))).startSpan();
        Map<String, String> out = CloudEventTracing.inject(parent.with(span));
        rc.addHeadersEndHandler(v -> {
            if (rc.response().headers().contains(CE_TYPE)) {
                out.forEach((k, val) -> rc.response().putHeader("ce-" + k, val));
            }
        });
        rc.addEndHandler(ar -> {
            if (rc.response().getStatusCode() >= 400) {
                span.setStatus(StatusCode.ERROR, "HTTP " + rc.response().getStatusCode());
            }
            span.end();
        });
        rc.next();
    }

    private static void putIfPresent(Map<String, String> m, HttpServerRequest req, String header) {
        String v = req.getHeader(header);
        if (v != null) {
            m.put(header, v);
        }
    }
}
