package dev.tailguard.core.pipeline;

import java.util.List;

/**
 * Data of {@code dev.tailguard.run.requested}.
 *
 * @param runId     run id (key prefix {@code runs/<runId>/})
 * @param inputs    input locations: object keys in the store, or local file paths (only under
 *                  {@code tailguard.input.allowed-roots} when the event comes from outside the process)
 * @param config    the run configuration; in an event from outside the process only the deployment's own
 *                  configuration for the profile is accepted ({@link RunRequestPolicy})
 * @param synthetic a synthetic batch generated elsewhere (object keys or local paths, JSONL like the inputs): when
 *                  non-empty, generation is skipped and this batch is scored, blended and reported
 *                  ({@code tailguard.synthetic.inputs}); null or empty = generate
 * @param anchor    the collapse anchor to measure against, an object key ({@code anchors/v1/<sha256>.json}) or a local
 *                  anchor file ({@code tailguard.collapse.anchor}); null = freeze one from a real input, or reuse the
 *                  parent run's
 * @param profile   the deployment run profile ({@code tailguard.profiles.<name>.*}) to use; null = the default
 */
public record RunRequested(String runId, List<String> inputs, RunConfig config, List<String> synthetic,
                           String anchor, String profile) {

    public RunRequested {
        synthetic = synthetic == null ? List.of() : List.copyOf(synthetic);
        anchor = anchor == null || anchor.isBlank() ? null : anchor;
    }

    /** A request with a synthetic batch and/or an anchor, in the default profile. */
    public RunRequested(String runId, List<String> inputs, RunConfig config, List<String> synthetic, String anchor) {
        this(runId, inputs, config, synthetic, anchor, null);
    }

    /** A request in a named profile that generates its synthetic batch and finds its anchor itself. */
    public RunRequested(String runId, List<String> inputs, RunConfig config, String profile) {
        this(runId, inputs, config, List.of(), null, profile);
    }

    /** A request that generates its synthetic batch and finds its anchor itself, in the default profile. */
    public RunRequested(String runId, List<String> inputs, RunConfig config) {
        this(runId, inputs, config, List.of(), null, null);
    }
}
