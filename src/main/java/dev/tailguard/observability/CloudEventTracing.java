package dev.tailguard.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * W3C trace context in CloudEvents, per the CloudEvents distributed-tracing extension: the extension attributes
 * {@code traceparent} and {@code tracestate} (binary mode: headers {@code ce-traceparent}/{@code ce-tracestate};
 * Kafka: {@code ce_traceparent}). The W3C propagator is used directly, so the context passes through a stage even
 * when the OpenTelemetry SDK is disabled there (a no-op tracer's span keeps its parent's span context).
 * <p>
 * Wired: the embedded run's dispatcher ({@code dev.tailguard.cli.Dispatcher}) starts a trace per run
 * ({@link #newTrace}) and runs each stage in {@link #inStageSpan}, carrying {@code outgoing} to the next event; over
 * HTTP, {@code dev.tailguard.function.TracedStageFunctions} continues the {@code traceparent} of each CloudEvent
 * (binary mode: {@code ce-traceparent} header; structured mode: envelope attribute) and answers with the stage span's
 * context in the same form; on Kafka, {@code KafkaStages} and {@code KafkaTaskWorkers} continue the
 * record's {@code ce_traceparent} and their publishers put the current context on what they send; the HTTP
 * {@code TaskWorker} continues binary- or structured-mode events ({@code messaging.StageEventCodec}).
 */
public final class CloudEventTracing {

    /** Extension attribute carrying the W3C traceparent. */
    public static final String TRACEPARENT = "traceparent";
    /** Extension attribute carrying the W3C tracestate. */
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private CloudEventTracing() {
    }

    /** The extension attributes ({@code traceparent}, and {@code tracestate} when not empty) of a context. */
    public static Map<String, String> inject(Context context) {
        Map<String, String> out = new LinkedHashMap<>();
        W3C.inject(context, out, (carrier, k, v) -> carrier.put(k, v));
        return out;
    }

    /**
     * The context carried by a CloudEvent's extensions or transport headers; keys may be plain ({@code traceparent}),
     * HTTP binary-mode ({@code ce-traceparent}) or Kafka ({@code ce_traceparent}), in any case. An absent or
     * malformed traceparent gives {@link Context#root()} (a new trace starts).
     */
    public static Context extract(Map<String, ?> extensionsOrHeaders) {
        Map<String, String> norm = new LinkedHashMap<>();
        if (extensionsOrHeaders != null) {
            extensionsOrHeaders.forEach((k, v) -> {
                if (k == null || v == null) {
                    return;
                }
                String key = k.toLowerCase(Locale.ROOT);
                if (key.startsWith("ce-") || key.startsWith("ce_")) {
                    key = key.substring(3);
                }
                if (key.equals(TRACEPARENT) || key.equals(TRACESTATE)) {
                    norm.put(key, String.valueOf(v));
                }
            });
        }
        return W3C.extract(Context.root(), norm, GETTER);
    }

    /**
     * The context a new run's trace starts from: a root span of {@code tracer} named {@code tailguard run} (ended at
     * once: it marks the request), or, when the tracer records nothing (the SDK is off), a random W3C trace and span
     * id, so the trace id still ties the run's events together in logs and downstream collectors.
     */
    public static Context newTrace(Tracer tracer, String runId) {
        Span root = tracer.spanBuilder("tailguard run").setNoParent().setSpanKind(SpanKind.PRODUCER)
                .setAttribute("tailguard.run_id", runId == null ? "" : runId).startSpan();
        root.end();
        SpanContext sc = root.getSpanContext();
        if (!sc.isValid()) {
            java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
            sc = SpanContext.create(TraceId.fromLongs(r.nextLong() | 1, r.nextLong()), SpanId.fromLong(r.nextLong() | 1),
                    TraceFlags.getSampled(), TraceState.getDefault());
        }
        return Context.root().with(Span.wrap(sc));
    }

    /**
     * The parent context for handling an event: its own context when it carried a valid {@code traceparent},
     * otherwise a new trace ({@link #newTrace}).
     */
    public static Context continueOrStart(Tracer tracer, Context carried, String runId) {
        if (carried != null && Span.fromContext(carried).getSpanContext().isValid()) {
            return carried;
        }
        return newTrace(tracer, runId);
    }

    /** A tracer that records nothing, for framework-free workers built without one (context still propagates). */
    public static Tracer noopTracer() {
        return io.opentelemetry.api.OpenTelemetry.noop().getTracer("dev.tailguard");
    }

    /** The trace id carried by extensions or headers, or null when none (or a malformed one) is carried. */
    public static String traceId(Map<String, ?> extensionsOrHeaders) {
        SpanContext sc = Span.fromContext(extract(extensionsOrHeaders)).getSpanContext();
        return sc.isValid() ? sc.getTraceId() : null;
    }

    /**
     * Runs a stage in a span that continues the incoming trace: the span is named {@code tailguard <stage>},
     * carries {@code tailguard.stage} and {@code tailguard.run_id}, is current while the body runs, and is ended
     * (with error status when the body throws). The body receives the extensions to put on the event it emits.
     */
    public static <T> T inStageSpan(Tracer tracer, String stage, String runId, Context parent,
                                    Function<Map<String, String>, T> body) {
        Span span = tracer.spanBuilder("tailguard " + stage).setParent(parent == null ? Context.root() : parent)
                .setSpanKind(SpanKind.CONSUMER).setAttribute("tailguard.stage", stage)
                .setAttribute("tailguard.run_id", runId == null ? "" : runId).startSpan();
        Context ctx = (parent == null ? Context.root() : parent).with(span);
        try (Scope ignored = ctx.makeCurrent()) {
            return body.apply(inject(ctx));
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }
}
