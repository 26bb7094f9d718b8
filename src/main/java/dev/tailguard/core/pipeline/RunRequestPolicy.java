package dev.tailguard.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides which configuration an untrusted {@code run.requested} event gets. The event may only name one of the
 * deployment's {@link RunProfile}s (none: the deployment's own configuration); a {@code config} in the event may
 * change outcome settings (seed, ratio, generator, order, sampling, blend strategy) — as the
 * {@code SyntheticDataRun} controller does — but is refused when it would lower review, gates, shard size, line
 * limits, the real-data floor or the token cap ({@link #lowered}). Pure decision; the caller acts on the typed result.
 */
public final class RunRequestPolicy {

    /** Why a request was refused. */
    public enum Reason {
        /** the event named a profile the deployment does not configure. */
        UNKNOWN_PROFILE,
        /** the event carried a configuration other than the deployment's for its profile. */
        CONFIG_NOT_ALLOWED
    }

    /** The policy's answer. */
    public sealed interface Decision permits Accepted, Refused {
    }

    /**
     * The request is accepted with the deployment's configuration.
     *
     * @param profile the profile used (null: the deployment default)
     * @param config  the configuration the run is frozen with
     */
    public record Accepted(String profile, RunConfig config) implements Decision {
    }

    /**
     * The request is refused.
     *
     * @param reason  typed reason
     * @param message one line for the sender (names the offending fields or profile)
     */
    public record Refused(Reason reason, String message) implements Decision {
    }

    private final RunConfig deployment;
    private final Map<String, RunProfile> profiles;

    /**
     * @param deployment the deployment's configuration ({@code tailguard.*})
     * @param profiles   configured profiles by name
     */
    public RunRequestPolicy(RunConfig deployment, Map<String, RunProfile> profiles) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.profiles = new TreeMap<>(profiles == null ? Map.of() : profiles);
    }

    /** The decision for a request naming {@code profile} (may be null) and carrying {@code eventConfig} (may be null). */
    public Decision decide(String profile, RunConfig eventConfig) {
        RunConfig allowed;
        if (profile == null || profile.isBlank()) {
            allowed = deployment;
        } else {
            RunProfile p = profiles.get(profile);
            if (p == null) {
                return new Refused(Reason.UNKNOWN_PROFILE, "unknown run profile '" + profile + "' (configured: "
                        + profiles.keySet() + ")");
            }
            allowed = p.applyTo(deployment);
        }
        String name = profile == null || profile.isBlank() ? null : profile;
        if (eventConfig == null || eventConfig.equals(allowed)) {
            return new Accepted(name, allowed);
        }
        List<String> lowered = lowered(eventConfig, allowed);
        if (!lowered.isEmpty()) {
            return new Refused(Reason.CONFIG_NOT_ALLOWED, "run.requested may not lower the deployment's policy (differs in "
                    + lowered + "); name one of the deployment's run profiles " + profiles.keySet() + " instead");
        }
        return new Accepted(name, outcomeOf(eventConfig, allowed));
    }

    /**
     * The policy and resource bounds in which {@code event} is weaker than {@code allowed}: gates and shard/line
     * bounds must be the deployment's, the real-data floor may only rise, the synthetic token cap only fall, and
     * review may only be required, never waived. Empty = the event changes outcome settings only (seed, ratio,
     * generator, order, sampling, blend strategy, compression).
     */
    static List<String> lowered(RunConfig event, RunConfig allowed) {
        List<String> out = new ArrayList<>();
        if (!event.gates().equals(allowed.gates())) {
            out.add("gates");
        }
        if (event.shardSize() != allowed.shardSize()) {
            out.add("shardSize");
        }
        if (event.maxLineBytes() != allowed.maxLineBytes()) {
            out.add("maxLineBytes");
        }
        if (event.minRealFraction() < allowed.minRealFraction()) {
            out.add("minRealFraction");
        }
        if (event.maxSyntheticTokens() > allowed.maxSyntheticTokens()) {
            out.add("maxSyntheticTokens");
        }
        boolean required = Boolean.TRUE.equals(allowed.reviewRequired());
        if (required ? !Boolean.TRUE.equals(event.reviewRequired()) : Boolean.FALSE.equals(event.reviewRequired())
                && allowed.reviewRequired() == null) {
            out.add("reviewRequired");
        }
        return out;
    }

    /** The event's outcome settings with the deployment's (or stricter) policy and resource bounds. */
    private static RunConfig outcomeOf(RunConfig e, RunConfig a) {
        Boolean review = Boolean.TRUE.equals(e.reviewRequired()) ? Boolean.TRUE : a.reviewRequired();
        return new RunConfig(e.seed(), e.syntheticRatio(), e.generator(), e.order(), e.temperature(), e.topK(),
                e.blendStrategy(), Math.max(e.minRealFraction(), a.minRealFraction()), a.shardSize(), a.maxLineBytes(),
                e.compression(), Math.min(e.maxSyntheticTokens(), a.maxSyntheticTokens()), a.gates(), review, a.outputFormats());
    }

}
