package dev.tailguard.core.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Thread-safe, mergeable accounting of generator calls, per style and in total: prompt and completion tokens,
 * requests (completion calls), retries (extra HTTP attempts), failures (calls without a usable completion),
 * skipped calls (never sent because the budget was spent), and estimated cost. Token counts the server did not
 * report are estimated and the call is counted in {@code estimated_requests}. {@link #toMap()} is the
 * {@code usage} object of report.json.
 */
public final class Usage {

    /** Counters of one style (or the total). */
    public record Counts(long promptTokens, long completionTokens, long requests, long retries, long failures,
                         long skipped, long estimatedRequests, double cost) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(promptTokens + o.promptTokens, completionTokens + o.completionTokens,
                    requests + o.requests, retries + o.retries, failures + o.failures, skipped + o.skipped,
                    estimatedRequests + o.estimatedRequests, cost + o.cost);
        }

        public long totalTokens() {
            return promptTokens + completionTokens;
        }

        /** Report form: snake_case keys, {@code estimated} true when any token count was estimated. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prompt_tokens", promptTokens);
            m.put("completion_tokens", completionTokens);
            m.put("total_tokens", totalTokens());
            m.put("requests", requests);
            m.put("retries", retries);
            m.put("failures", failures);
            m.put("skipped", skipped);
            m.put("estimated_requests", estimatedRequests);
            m.put("estimated", estimatedRequests > 0);
            m.put("cost", cost);
            return m;
        }
    }

    /**
     * Sees every call as it is recorded ({@link #recordCall}, {@link #recordSkipped}; never a {@link #merge}), so live
     * counters (Prometheus) count what was spent whatever the run's outcome, even when generation stops before a
     * manifest is written.
     */
    @FunctionalInterface
    public interface CallListener {

        /** One recorded call of {@code style}: its counts alone (requests 1, or skipped 1). */
        void recorded(String style, Counts call);
    }

    private final Map<String, Counts> perStyle = new TreeMap<>();
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private Long budgetTokens;
    private Double budgetCost;
    private boolean budgetExhausted;
    private String budgetDetail;
    private String circuitOpen;

    /**
     * Records one completion call.
     *
     * @param estimated true when the token counts are estimates (the server sent no {@code usage})
     * @param retries   extra HTTP attempts this call needed
     * @param failed    true when the call produced no usable completion
     */
    public void recordCall(String style, long promptTokens, long completionTokens, boolean estimated,
                           int retries, boolean failed, double cost) {
        record(style, new Counts(promptTokens, completionTokens, 1, retries, failed ? 1 : 0, 0, estimated ? 1 : 0, cost));
    }

    /** Records a call that was not sent because the budget was spent. */
    public void recordSkipped(String style) {
        record(style, new Counts(0, 0, 0, 0, 0, 1, 0, 0));
    }

    /** Adds a listener that sees every call recorded from now on (outside this usage's lock). */
    public void addListener(CallListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private void record(String style, Counts call) {
        synchronized (this) {
            add(style, call);
        }
        for (CallListener l : listeners) {
            l.recorded(style, call);
        }
    }

    /** Sets the run's budget limits (null = no limit) for the report. */
    public synchronized void setBudget(Long tokens, Double cost) {
        this.budgetTokens = tokens;
        this.budgetCost = cost;
    }

    /** Marks the budget as spent; the first detail is kept. */
    public synchronized void markBudgetExhausted(String detail) {
        if (!budgetExhausted) {
            budgetExhausted = true;
            budgetDetail = detail;
        }
    }

    public synchronized boolean budgetExhausted() {
        return budgetExhausted;
    }

    /** Marks that the generator's circuit breaker opened (the endpoint is down or failing); the first cause is kept. */
    public synchronized void markCircuitOpen(String cause) {
        if (circuitOpen == null) {
            circuitOpen = cause;
        }
    }

    /** Why the circuit breaker opened, or null when it did not. */
    public synchronized String circuitOpen() {
        return circuitOpen;
    }

    /** Adds the other usage into this one (limits are kept when this one has none). */
    public Usage merge(Usage other) {
        if (other == this) {
            throw new IllegalArgumentException("cannot merge a usage into itself");
        }
        Map<String, Counts> o;
        boolean ex;
        String det;
        String circuit;
        Long bt;
        Double bc;
        synchronized (other) {
            o = new TreeMap<>(other.perStyle);
            ex = other.budgetExhausted;
            det = other.budgetDetail;
            circuit = other.circuitOpen;
            bt = other.budgetTokens;
            bc = other.budgetCost;
        }
        synchronized (this) {
            o.forEach(this::add);
            if (ex) {
                markBudgetExhausted(det);
            }
            if (circuit != null) {
                markCircuitOpen(circuit);
            }
            if (budgetTokens == null) {
                budgetTokens = bt;
            }
            if (budgetCost == null) {
                budgetCost = bc;
            }
        }
        return this;
    }

    public synchronized Counts total() {
        Counts t = Counts.ZERO;
        for (Counts c : perStyle.values()) {
            t = t.plus(c);
        }
        return t;
    }

    public synchronized Map<String, Counts> perStyle() {
        return Map.copyOf(perStyle);
    }

    /** {@code {"total":{...},"per_style":{style:{...}},"estimated":bool,"budget":{...}}}. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Counts t = total();
        m.put("total", t.toMap());
        Map<String, Object> ps = new LinkedHashMap<>();
        perStyle.forEach((k, v) -> ps.put(k, v.toMap()));
        m.put("per_style", ps);
        m.put("estimated", t.estimatedRequests() > 0);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tokens", budgetTokens);
        b.put("cost", budgetCost);
        b.put("exhausted", budgetExhausted);
        b.put("detail", budgetDetail);
        m.put("budget", b);
        if (circuitOpen != null) {
            m.put("circuit_open", circuitOpen);
        }
        return m;
    }

    private void add(String style, Counts c) {
        perStyle.merge(style, c, Counts::plus);
    }
}
