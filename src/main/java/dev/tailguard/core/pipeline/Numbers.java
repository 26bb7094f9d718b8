package dev.tailguard.core.pipeline;

import dev.tailguard.core.metrics.DiversityState;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Number formatting and the corpus metric block of report.json. */
public final class Numbers {

    private Numbers() {
    }

    /** Rounds to 6 decimals so reports are stable and readable. */
    public static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** report.json {@code metrics.real|synthetic}: distinct_1, distinct_2, compression_ratio, mean_doc_tokens, documents. */
    public static Map<String, Object> metrics(DiversityState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean any = s.documents() > 0;
        m.put("distinct_1", any ? round(s.distinct(1)) : 0.0);
        m.put("distinct_2", any ? round(s.distinct(2)) : 0.0);
        m.put("compression_ratio", any ? round(s.compressionRatio()) : 0.0);
        m.put("mean_doc_tokens", any ? round(s.meanDocTokens()) : 0.0);
        m.put("documents", s.documents());
        return m;
    }

    /** Median of the values (0 when empty). */
    public static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
