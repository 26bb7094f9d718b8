package dev.tailguard.cli.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PinTest {

    @TempDir
    Path dir;

    private Path taskset() throws Exception {
        Path t = Files.writeString(dir.resolve("taskset"), "#!/bin/sh\n");
        t.toFile().setExecutable(true);
        return t;
    }

    @Test
    void oneWorkerIsConfinedToOneCpuAndTheJvmIsToldSo() throws Exception {
        Pin pin = Pin.of(1, 1, 2, taskset());
        assertThat(pin.pinned()).isTrue();
        assertThat(pin.cpus()).isEqualTo(1);
        assertThat(pin.command(List.of("/j/java", "-Xmx512m", "Main")))
                .containsExactly(taskset().toString(), "-c", "0", "/j/java", "-XX:ActiveProcessorCount=1",
                "-XX:+UseG1GC", "-Xmx512m", "Main");
    }

    @Test
    void twoWorkersGetCpusZeroAndOne() throws Exception {
        Pin pin = Pin.of(2, 1, 4, taskset());
        assertThat(pin.command(List.of("java", "X"))).containsExactly(taskset().toString(), "-c", "0-1", "java",
                "-XX:ActiveProcessorCount=2", "-XX:+UseG1GC", "X");
    }

    @Test
    void moreCpusThanTheMachineHasOrNoTasksetOrZeroLeaveTheRunUnconfinedAndSayWhy() throws Exception {
        Pin tooMany = Pin.of(4, 1, 2, taskset());
        assertThat(tooMany.pinned()).isFalse();
        assertThat(tooMany.note()).contains("4 CPUs asked, 2 available");
        assertThat(tooMany.command(List.of("java", "X"))).containsExactly("java", "X");
        Pin none = Pin.of(1, 1, 2, dir.resolve("absent"));
        assertThat(none.pinned()).isFalse();
        assertThat(none.note()).contains("not found");
        assertThat(Pin.of(1, 0, 2, taskset()).note()).contains("--cpus-per-worker 0");
    }
}
