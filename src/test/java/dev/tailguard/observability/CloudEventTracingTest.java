package dev.tailguard.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventTracingTest {

    static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    final List<SpanData> ended = new ArrayList<>();
    final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            ended.addAll(spans);
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
    })).build().get("test");

    @Test
    void extractsFromExtensionsAndHeadersInAnyForm() {
        for (String key : List.of("traceparent", "ce-traceparent", "ce_traceparent", "Ce-TraceParent")) {
            SpanContext sc = Span.fromContext(CloudEventTracing.extract(Map.of(key, PARENT, "ce-tracestate", "a=1")))
                    .getSpanContext();
            assertThat(sc.isValid()).as(key).isTrue();
            assertThat(sc.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(sc.getSpanId()).isEqualTo("b7ad6b7169203331");
            assertThat(sc.getTraceState().get("a")).isEqualTo("1");
        }
        assertThat(Span.fromContext(CloudEventTracing.extract(Map.of("traceparent", "garbage"))).getSpanContext().isValid())
                .isFalse();
        assertThat(CloudEventTracing.extract(null)).isEqualTo(Context.root());
    }

    @Test
    void stageSpanContinuesTheTraceAndHandsOnItsOwnContext() {
        Context parent = CloudEventTracing.extract(Map.of("ce-traceparent", PARENT));
        Map<String, String> out = CloudEventTracing.inStageSpan(tracer, "score", "run-1", parent, ext -> ext);
        assertThat(ended).hasSize(1);
        SpanData span = ended.get(0);
        assertThat(span.getName()).isEqualTo("tailguard score");
        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.getAttributes().asMap().toString()).contains("tailguard.run_id=run-1", "tailguard.stage=score");
        assertThat(out.get(CloudEventTracing.TRACEPARENT))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-" + span.getSpanId() + "-01");
        // the next stage continues from the emitted extensions
        CloudEventTracing.inStageSpan(tracer, "blend", "run-1", CloudEventTracing.extract(out), ext -> null);
        assertThat(ended.get(1).getParentSpanId()).isEqualTo(span.getSpanId());
        assertThat(ended.get(1).getTraceId()).isEqualTo(span.getTraceId());
    }

    @Test
    void failingStageEndsItsSpanWithError() {
        assertThatThrownBy(() -> CloudEventTracing.inStageSpan(tracer, "blend", "r", Context.root(), ext -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(ended).singleElement().satisfies(s -> assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
    }

    @Test
    void noopTracerStillPassesTheContextThrough() {
        Tracer noop = io.opentelemetry.api.OpenTelemetry.noop().getTracer("x");
        Map<String, String> out = CloudEventTracing.inStageSpan(noop, "generate", "r",
                CloudEventTracing.extract(Map.of("traceparent", PARENT)), ext -> ext);
        assertThat(out).containsEntry("traceparent", PARENT);
    }
}
