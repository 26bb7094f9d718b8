package dev.tailguard.cloud.wiring;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.tailguard.cloud.crd.RunLauncher;
import dev.tailguard.cloud.crd.SyntheticDataRunSpec;
import dev.tailguard.core.pipeline.RunConfig;
import dev.tailguard.core.pipeline.RunRequested;
import dev.tailguard.core.store.ObjectStore;
import dev.tailguard.function.Runs;

/**
 * The {@link RunLauncher} of the {@code SyntheticDataRun} controller: maps the spec onto a {@link RunConfig}
 * ({@link SpecRunConfig}) and sends {@code dev.tailguard.run.requested} through the {@link RunEmitter}; progress is
 * read from {@code runs/<runId>/} in the object store ({@link RunProgressReader}).
 */
@ApplicationScoped
public class PipelineRunLauncher implements RunLauncher {

    @Inject
    RunEmitter emitter;

    @Inject
    Runs runs;

    @Inject
    ObjectStore store;

    @Override
    public void launch(String runId, SyntheticDataRunSpec spec) throws Exception {
        RunConfig config = SpecRunConfig.from(spec, runs.defaultConfig());
        emitter.emit(new RunRequested(runId, spec.inputs(), config));
    }

    @Override
    public Optional<RunProgress> progress(String runId) throws Exception {
        return new RunProgressReader(store).read(runId);
    }
}
