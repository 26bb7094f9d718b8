package dev.tailguard.core.pipeline;

import dev.tailguard.core.generate.GeneratorSelector;
import dev.tailguard.core.pipeline.runner.TaskLimits;
import dev.tailguard.core.pipeline.runner.LiveDocuments;
import dev.tailguard.core.store.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stage runner and the task-range readers count every document a task reads for the progress bar; the report's
 * merge counts every blended document its collapse measurement reads.
 */
class LiveDocumentsWiringTest {

    @TempDir
    Path dir;

    @Test
    void everyDocumentOfEveryTaskIsCountedForItsRunAndStage() throws IOException {
        Path input = TestCorpus.write(dir, 14);
        RunRequested req = new RunRequested("run-live-wiring", List.of(input.toString()), ShardedRunTest.config());
        LocalObjectStore store = new LocalObjectStore(dir.resolve("out"));
        RunReported r = Pipeline.run(req, store, GeneratorSelector.NGRAM_ONLY, 2, new TaskLimits(3, 40_000));
        assertThat(r.status()).isEqualTo("succeeded");
        @SuppressWarnings("unchecked")
        Map<String, Number> counts = (Map<String, Number>) Manifest.read(store, r.report()).get("counts");
        long real = counts.get("real").longValue();
        long synthetic = counts.get("synthetic_generated").longValue();
        LiveDocuments live = LiveDocuments.process();
        assertThat(live.documents("run-live-wiring", "generate")).as("seeds read").isEqualTo(real);
        assertThat(live.documents("run-live-wiring", "score")).as("real and synthetic scored").isEqualTo(real + synthetic);
        assertThat(live.documents("run-live-wiring", "blend")).isPositive();
        assertThat(live.documents("run-live-wiring", "report")).as("blended documents the report merge read")
                .isEqualTo(counts.get("blended").longValue()).isPositive();
    }
}
