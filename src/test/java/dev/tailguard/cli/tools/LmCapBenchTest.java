package dev.tailguard.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmCapBenchTest {
    @TempDir
    Path dir;

    @Test
    void capBoundsTrainingAndHoldsOutAllCopies() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            sb.append("{\"id\":\"d").append(i).append("\",\"text\":\"The cat number ").append(i % 7)
                    .append(" sat on the mat. It was a good mat for cat ").append(i % 5).append(".\"}\n");
        }
        Path in = Files.writeString(dir.resolve("c.jsonl"), sb);
        List<LmCapBench.Row> rows = LmCapBench.run(in, 3, new int[] {2}, new long[] {100, Long.MAX_VALUE}, dir);
        assertThat(rows).hasSize(2);
        LmCapBench.Row capped = rows.get(0);
        LmCapBench.Row all = rows.get(1);
        assertThat(capped.trainedTokens()).isLessThanOrEqualTo(100).isPositive();
        assertThat(all.trainedTokens()).isEqualTo(all.poolTokens());
        assertThat(all.heldOutTokens()).isEqualTo(capped.heldOutTokens()).isPositive();
        // Held-out documents are a tenth or so of 60 and never part of the pool.
        assertThat(all.poolTokens() + all.heldOutTokens()).isLessThan(2L * 60 * 40);
        assertThat(all.ngrams()).isGreaterThan(capped.ngrams());
        assertThat(all.fileBytes()).isGreaterThan(capped.fileBytes());
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tglm")).count()).isZero();
    }
}
