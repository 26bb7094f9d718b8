package dev.tailguard.core.generate.llm;

/**
 * Per-run token and cost budget. A call reserves its worst case (estimated prompt tokens + {@code max_tokens})
 * before it is sent and settles with the actual usage afterwards, so the budget is not overrun by calls in flight.
 * Once a reservation fails the budget stays exhausted: generation stops instead of squeezing in smaller calls.
 */
final class Budget {

    private final Long maxTokens;
    private final Double maxCost;
    private long tokens;
    private double cost;
    private boolean exhausted;

    Budget(Long maxTokens, Double maxCost) {
        this.maxTokens = maxTokens;
        this.maxCost = maxCost;
    }

    synchronized boolean tryReserve(long t, double c) {
        if (exhausted) {
            return false;
        }
        if ((maxTokens != null && tokens + t > maxTokens) || (maxCost != null && cost + c > maxCost)) {
            exhausted = true;
            return false;
        }
        tokens += t;
        cost += c;
        return true;
    }

    synchronized void settle(long reservedTokens, double reservedCost, long actualTokens, double actualCost) {
        tokens += actualTokens - reservedTokens;
        cost += actualCost - reservedCost;
    }

    synchronized String describe() {
        StringBuilder b = new StringBuilder();
        if (maxTokens != null) {
            b.append("token budget ").append(maxTokens).append(" (used ").append(tokens).append(')');
        }
        if (maxCost != null) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(String.format(java.util.Locale.ROOT, "cost budget %.4f (used %.4f)", maxCost, cost));
        }
        return b.toString();
    }
}
