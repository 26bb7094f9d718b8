package dev.tailguard.observability;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test alternative for the application's {@link Tracer}: a real OpenTelemetry SDK tracer whose ended spans are kept
 * in memory ({@link #ENDED}), so a test can check span names, trace ids and parents. Enabled only by the test profiles
 * that select it.
 */
@Alternative
@Singleton
public class InMemoryTracer {

    /** Every span ended since the application started. */
    public static final List<SpanData> ENDED = new CopyOnWriteArrayList<>();

    @Produces
    @Singleton
    Tracer tracer() {
        SpanExporter exporter = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                ENDED.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()
                .get("dev.tailguard.test");
    }
}
