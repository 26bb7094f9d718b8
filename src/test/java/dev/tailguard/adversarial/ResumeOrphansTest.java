package dev.tailguard.adversarial;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.Pipeline;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.pipeline.StageChain;
import dev.tailguard.core.pipeline.runner.FrozenRun;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.store.LocalObjectStore;
import dev.tailguard.core.store.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 4: a run killed in the middle of a generate task left a partial shard and a temporary file; the
 * resumed run removes both and its outputs are byte-identical to an uninterrupted run's. On 1c00773 the orphan
 * shard stayed under {@code synthetic/} (and was read by the later stages through the folder) and the temporary
 * file stayed forever.
 */
class ResumeOrphansTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> outputs(ObjectStore store, String run) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        for (String area : List.of("synthetic/", "scores/", "blended/", "quarantine/", "input/")) {
            // data shards; manifests carry timings
            for (String k : store.list("runs/" + run + "/" + area).stream().filter(k -> k.endsWith(".jsonl")).toList()) {
                try (InputStream in = store.open(k)) {
                    out.put(k, in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void aResumedRunRemovesTheKilledAttemptsOrphansAndMatchesAnUninterruptedRun() throws Exception {
        Path in = Files.write(dir.resolve("in.jsonl"), Files.readAllLines(Path.of("samples/sotu-sample.jsonl"))
                .subList(0, 16));
        RunRequested req = new RunRequested("resume", List.of(in.toString()), RunConfig.defaults(5));

        ObjectStore clean = new LocalObjectStore(dir.resolve("clean"));
        Pipeline.run(req, clean);

        ObjectStore killed = new LocalObjectStore(dir.resolve("killed"));
        FrozenRun.of(req, TaskLimits.DEFAULTS).freeze(killed);
        StageRunner runner = StageChain.runner(killed, GeneratorSelector.NGRAM_ONLY);
        runner.handle(StageEvent.plan("resume", "generate"));
        // the killed attempt of task 0: one shard beyond what the task writes, half written, and a staged temp file
        String orphan = "runs/resume/synthetic/part-00000-00042.jsonl";
        killed.put(orphan, "{\"id\":\"half-writ".getBytes());
        Path synth = dir.resolve("killed/runs/resume/synthetic");
        Path temp = synth.resolve(".put-part-00000-00000.jsonl.0f0f0f0f.tmp");
        Files.writeString(temp, "{\"id\":\"partial");
        // the kill was longer ago than the lease: a fresher temp file may be a live duplicate's and is kept
        // (ConcurrentDuplicateDeliveryTest)
        Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(StageRunner.TEMPORARY_LEASE).minusSeconds(60)));
        // killed attempts of a score task and a blend task left shards beyond what those tasks write
        String scoreOrphan = "runs/resume/scores/real-00000-00042.jsonl";
        String blendOrphan = "runs/resume/blended/part-00000-00042.jsonl";
        String quarantineOrphan = "runs/resume/quarantine/real-score-00000-00042.jsonl";
        killed.put(scoreOrphan, "{\"id\":\"half".getBytes());
        killed.put(blendOrphan, "{\"id\":\"half".getBytes());
        killed.put(quarantineOrphan, "{\"id\":\"half".getBytes());

        Pipeline.run(req, killed); // resumes: the frozen config and the stored plan are reused

        assertThat(killed.exists(orphan)).as("orphan shard removed").isFalse();
        assertThat(temp).as("temporary file removed").doesNotExist();
        assertThat(killed.exists(scoreOrphan)).as("score task orphan removed").isFalse();
        assertThat(killed.exists(blendOrphan)).as("blend task orphan removed").isFalse();
        assertThat(killed.exists(quarantineOrphan)).as("score quarantine orphan removed").isFalse();
        try (Stream<Path> s = Files.list(synth)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        Map<String, byte[]> a = outputs(clean, "resume");
        Map<String, byte[]> b = outputs(killed, "resume");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        assertThat(a).isNotEmpty();
        for (String k : a.keySet()) {
            assertThat(b.get(k)).as(k).isEqualTo(a.get(k));
        }
    }
}
