package dev.tailguard.core.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

    long now;

    @Test
    void rateAndEta() {
        ProgressSnapshot s = ProgressSnapshot.of("score", 50, 200, 10);
        assertThat(s.docsPerSecond()).isEqualTo(5.0);
        assertThat(s.etaSeconds()).isEqualTo(30.0);
        assertThat(s.fraction()).isEqualTo(0.25);
        assertThat(ProgressSnapshot.of("score", 50, -1, 10).etaSeconds()).isNegative();
        assertThat(ProgressSnapshot.of("score", 0, 10, 0).etaSeconds()).isNegative();
        assertThat(TerminalProgress.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void plainLinesAreThrottledWhenNotATty() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), false, 5, () -> now);
        now = 0;
        p.update("generate", 0, 100);
        now = 1_000_000_000L;
        p.update("generate", 10, 100); // within 5 s: not printed
        now = 6_000_000_000L;
        p.update("generate", 60, 100);
        now = 8_000_000_000L;
        p.finished("generate", 100);
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).isEqualTo("generate [############--------]  60%  60/100 docs  10.0 docs/s  ETA 0:04");
        assertThat(lines[2]).startsWith("generate [####################] 100%  100/100 docs  12.5 docs/s").doesNotContain("ETA");
        assertThat(buf.toString(StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void ttyRedrawsOneLine() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), true, 5, () -> now);
        now = 0;
        p.update("blend", 0, -1);
        now = 1_000_000_000L;
        p.update("blend", 40, -1);
        p.finished("blend", 40);
        String s = buf.toString(StandardCharsets.UTF_8);
        assertThat(s).startsWith("\r").contains("\rblend  40 docs  40.0 docs/s\u001b[K").endsWith("\n");
        assertThat(s.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
