package dev.tailguard.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Run-level Prometheus counters, recorded from a finished run's report.json (so every delivery path counts them,
 * and a skipped redelivery counts nothing):
 * <ul>
 *   <li>{@code tailguard_llm_tokens_total{type=prompt|completion}}: tokens the generator's LLM calls used</li>
 *   <li>{@code tailguard_llm_requests_total}, {@code tailguard_llm_retries_total},
 *       {@code tailguard_llm_failures_total}: LLM requests, retried attempts and failed requests</li>
 *   <li>{@code tailguard_gate_decisions_total{stage,gate,decision=passed|failed,on_fail}}: every gate evaluation</li>
 *   <li>{@code tailguard_quarantined_records_total{stage,reason}}: records written to quarantine, by stage and
 *       typed reason ({@code generate/not_json}, {@code blend/gate_failed}, ...)</li>
 * </ul>
 * The LLM counters are registered at zero at startup; the tagged counters appear with their first increment. Live call sites may also use {@link #llmTokens},
 * {@link #retry} and {@link #quarantined} directly.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PipelineMetrics {

    private final MeterRegistry registry;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered at zero, so a scrape shows the LLM series before the first LLM run reports
        llmTokens(0, 0);
        retry(0);
        Counter.builder("tailguard.llm.requests").description("LLM requests").register(registry);
        Counter.builder("tailguard.llm.failures").description("Failed LLM requests").register(registry);
    }

    /** Counts tokens of LLM calls. */
    public void llmTokens(long prompt, long completion) {
        Counter.builder("tailguard.llm.tokens").description("LLM tokens used").tag("type", "prompt")
                .register(registry).increment(prompt);
        Counter.builder("tailguard.llm.tokens").description("LLM tokens used").tag("type", "completion")
                .register(registry).increment(completion);
    }

    /** Counts retried LLM attempts. */
    public void retry(long n) {
        Counter.builder("tailguard.llm.retries").description("Retried LLM attempts").register(registry).increment(n);
    }

    /** Counts quarantined records of one stage and reason. */
    public void quarantined(String stage, String reason, long n) {
        Counter.builder("tailguard.quarantined.records").description("Records written to quarantine")
                .tag("stage", stage).tag("reason", reason).register(registry).increment(n);
    }

    /** Counts one gate evaluation. */
    public void gateDecision(String stage, String gate, boolean passed, String onFail) {
        Counter.builder("tailguard.gate.decisions").description("Gate evaluations")
                .tag("stage", stage).tag("gate", gate).tag("decision", passed ? "passed" : "failed")
                .tag("on_fail", onFail == null ? "none" : onFail).register(registry).increment();
    }

    /** Records the counters of a succeeded run from its report.json content. */
    @SuppressWarnings("unchecked")
    public void recordReport(Map<String, Object> report) {
        if (report.get("usage") instanceof Map<?, ?> usage && usage.get("total") instanceof Map<?, ?> t) {
            llmTokens(n(t.get("prompt_tokens")), n(t.get("completion_tokens")));
            Counter.builder("tailguard.llm.requests").description("LLM requests").register(registry)
                    .increment(n(t.get("requests")));
            retry(n(t.get("retries")));
            Counter.builder("tailguard.llm.failures").description("Failed LLM requests").register(registry)
                    .increment(n(t.get("failures")));
        }
        if (report.get("gates") instanceof List<?> gates) {
            for (Object o : gates) {
                if (o instanceof Map<?, ?> g && g.get("stage") != null && g.get("name") != null) {
                    gateDecision(String.valueOf(g.get("stage")), String.valueOf(g.get("name")),
                            !Boolean.FALSE.equals(g.get("passed")), g.get("on_fail") == null ? null : String.valueOf(g.get("on_fail")));
                }
            }
        }
        if (report.get("quarantine_reasons") instanceof Map<?, ?> reasons) {
            ((Map<String, Object>) reasons).forEach((k, v) -> {
                int slash = k.indexOf('/');
                quarantined(slash < 0 ? "unknown" : k.substring(0, slash), slash < 0 ? k : k.substring(slash + 1), n(v));
            });
        }
    }

    private static long n(Object v) {
        return v instanceof Number x ? x.longValue() : 0;
    }
}
