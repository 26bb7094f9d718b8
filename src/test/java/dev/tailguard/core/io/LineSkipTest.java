package dev.tailguard.core.io;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LineSkipTest {

    private static List<String> nonEmptyLines(java.io.InputStream in) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    @Test
    void whatFollowsTheSkippedLinesIsWhatReadLineGivesAfterThem() throws Exception {
        Random r = new Random(3);
        String[] pieces = {"{\"id\":\"a\"}", "é", "日本", "😀", " ", "x", "\n", "\r", "\r\n", "\n\n", "\\n"};
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(60);
            for (int i = 0; i < n; i++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            List<String> all = nonEmptyLines(new ByteArrayInputStream(bytes));
            long k = r.nextInt(all.size() + 3);
            LineSkip.Rest rest = LineSkip.skip(new ByteArrayInputStream(bytes), k, 1 + r.nextInt(8));
            assertThat(rest.skipped()).as("round %d", round).isEqualTo(Math.min(k, all.size()));
            assertThat(nonEmptyLines(rest.stream())).as("round %d: %s", round, sb)
                    .isEqualTo(all.subList((int) Math.min(k, all.size()), all.size()));
        }
    }

    @Test
    void skippingNothingReturnsTheStreamItself() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream("a\nb\n".getBytes(StandardCharsets.UTF_8));
        LineSkip.Rest rest = LineSkip.skip(in, 0);
        assertThat(rest.stream()).isSameAs(in);
        assertThat(rest.skipped()).isZero();
    }
}
