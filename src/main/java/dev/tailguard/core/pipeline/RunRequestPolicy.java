package dev.tailguard.core.pipeline;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Decides which configuration an untrusted {@code run.requested} event gets. The event may only name one of the
 * deployment's {@link RunProfile}s (none: the deployment's own configuration); a {@code config} in the event is
 * accepted only when it is exactly the configuration the deployment would use anyway, so an event can never lower
 * review, gates, shard size, line limits or any other bound. Pure decision; the caller acts on the typed result.
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
        if (eventConfig != null && !eventConfig.equals(allowed)) {
            return new Refused(Reason.CONFIG_NOT_ALLOWED, "run.requested may not set the run configuration (differs in "
                    + differing(eventConfig, allowed) + "); name one of the deployment's run profiles " + profiles.keySet()
                    + " instead");
        }
        return new Accepted(profile == null || profile.isBlank() ? null : profile, allowed);
    }

    /** Names of the record components in which the two configurations differ. */
    static List<String> differing(RunConfig a, RunConfig b) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : RunConfig.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    out.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
