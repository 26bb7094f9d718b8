package dev.tailguard.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunAccountingTest {

    private static Map<String, Long> counts(long lines, long malformed, long real, long rb, long ru, long rq,
                                            long sg, long sb, long sq, long blended) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("lines_read", lines);
        c.put("malformed", malformed);
        c.put("real", real);
        c.put("real_blended", rb);
        c.put("real_unused", ru);
        c.put("real_quarantined", rq);
        c.put("synthetic_generated", sg);
        c.put("synthetic_blended", sb);
        c.put("synthetic_quarantined", sq);
        c.put("blended", blended);
        return c;
    }

    @Test
    void consistentCountsPass() {
        assertThat(RunAccounting.checkArithmetic(counts(12, 2, 10, 7, 2, 1, 5, 3, 2, 10))).isEmpty();
    }

    @Test
    void eachBrokenInvariantIsNamed() {
        assertThat(RunAccounting.checkArithmetic(counts(13, 2, 10, 7, 2, 1, 5, 3, 2, 10)))
                .containsExactly("lines_read = malformed + anchor_held_out + real (13 != 12)");
        assertThat(RunAccounting.checkArithmetic(counts(12, 2, 10, 7, 3, 1, 6, 3, 2, 11)))
                .containsExactly("real = real_blended + real_unused + real_quarantined (10 != 11)",
                        "synthetic_generated = synthetic_blended + synthetic_quarantined (6 != 5)",
                        "blended = real_blended + synthetic_blended (11 != 10)");
    }
}
