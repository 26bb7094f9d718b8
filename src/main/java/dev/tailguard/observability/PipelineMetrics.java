package dev.tailguard.observability;

import dev.tailguard.core.generate.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Run-level Prometheus counters, recorded whatever the run's outcome (a run stopped by a gate, by the generate
 * minimum or by the LLM circuit breaker counts what it spent and decided up to the stop):
 * <ul>
 *   <li>{@code tailguard_llm_tokens_total{type=prompt|completion}}, {@code tailguard_llm_requests_total},
 *       {@code tailguard_llm_retries_total}, {@code tailguard_llm_failures_total}: counted live, call by call, through a
 *       {@link Usage.CallListener} on every generator the application's selector builds ({@link #llmCall})</li>
 *   <li>{@code tailguard_gate_decisions_total{stage,gate,decision=passed|failed,on_fail}}: every gate evaluation, from
 *       each finished stage's manifest, and the stop gate of a stage that a gate stopped</li>
 *   <li>{@code tailguard_quarantined_records_total{stage,reason}}: records written to quarantine, by stage and typed
 *       reason ({@code generate/not_json}, {@code blend/gate_failed}, ...), from each finished stage's quarantine shards</li>
 * </ul>
 * The LLM counters are registered at zero at startup; the tagged counters appear with their first increment. A skipped
 * redelivery (stage output already present) counts nothing (see {@link StageMetrics}).
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

    /** Counts one LLM call as the generator records it (tokens, request, retries, failure). */
    public void llmCall(Usage.Counts call) {
        llmTokens(call.promptTokens(), call.completionTokens());
        Counter.builder("tailguard.llm.requests").description("LLM requests").register(registry).increment(call.requests());
        retry(call.retries());
        Counter.builder("tailguard.llm.failures").description("Failed LLM requests").register(registry)
                .increment(call.failures());
    }

    /**
     * Counts the gate evaluations of one stage listed in its manifest ({@code gates}: entries with {@code stage},
     * {@code name}, {@code passed}, {@code on_fail}); entries of other stages (report.json lists every stage's) are
     * not counted here, so each evaluation counts once.
     */
    public void recordGates(String stage, Map<String, Object> manifest) {
        if (manifest.get("gates") instanceof List<?> gates) {
            for (Object o : gates) {
                if (o instanceof Map<?, ?> g && stage.equals(g.get("stage")) && g.get("name") != null) {
                    gateDecision(stage, String.valueOf(g.get("name")), !Boolean.FALSE.equals(g.get("passed")),
                            g.get("on_fail") == null ? null : String.valueOf(g.get("on_fail")));
                }
            }
        }
    }

    /** Counts quarantined records per {@code stage/reason} key (the form of report.json {@code quarantine_reasons}). */
    public void recordQuarantine(Map<String, Long> reasons) {
        reasons.forEach((k, v) -> {
            int slash = k.indexOf('/');
            quarantined(slash < 0 ? "unknown" : k.substring(0, slash), slash < 0 ? k : k.substring(slash + 1), v);
        });
    }

}
