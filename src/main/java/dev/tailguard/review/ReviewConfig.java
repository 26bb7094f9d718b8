package dev.tailguard.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Human review gate settings under {@code tailguard.review.*}. */
@ConfigMapping(prefix = "tailguard.review")
public interface ReviewConfig {

    /** When true, the blend stage does not consume a scored synthetic batch until a reviewer approves it. */
    @WithDefault("false")
    boolean required();

    /** Documents sampled per batch for the reviewer. */
    @WithDefault("20")
    int sampleSize();

    /** Shortest run of tokens shared with the seed that the page highlights as memorised (display only). */
    @WithDefault("8")
    int minSpanTokens();

    /**
     * How an approval resumes the run: {@code dispatcher} re-dispatches {@code dev.tailguard.synthetic.scored}
     * in-process (embedded/single-pod server), {@code http} posts it as a CloudEvent to {@link #sink()},
     * {@code none} only records the decision.
     */
    @WithDefault("dispatcher")
    String resume();

    /** CloudEvent sink of {@code resume=http} (a Knative broker URL; {@code ${K_SINK}} when bound by a SinkBinding). */
    Optional<String> sink();

    /** How long a reviewer stays signed in after login. */
    @WithDefault("PT1H")
    java.time.Duration sessionTimeout();

    /**
     * The reviewer accounts, read at run time: a file path (a mounted Secret) or {@code classpath:<resource>}
     * (refused in the prod profile: the bundled demo accounts exist only for {@code %dev}/{@code %test}). Format
     * {@code user:hash:role[,role]} per line, see {@link dev.tailguard.core.review.login.ReviewUsers}. The file is
     * re-read when its modification time changes. Unset: every login is refused (503) and an error is logged at
     * startup.
     */
    Optional<String> usersFile();

    /** Most live sessions held in memory (least recently used evicted beyond). */
    @WithDefault("10000")
    int maxSessions();

    /** Failed-login throttling. */
    Login login();

    /**
     * Public origins of the reviewer page ({@code https://review.example.org}, comma-separated) that state-changing
     * requests must come from ({@code Origin}/{@code Referer}); unset: the request's own scheme and host (behind a
     * TLS-terminating proxy enable {@code quarkus.http.proxy.proxy-address-forwarding} and
     * {@code quarkus.http.proxy.allow-x-forwarded}, or set this).
     */
    Optional<java.util.List<String>> publicOrigin();

    /**
     * Always mark the session cookie {@code Secure}. Without it the cookie is {@code Secure} when the request is
     * HTTPS as the server sees it (TLS here, or {@code X-Forwarded-Proto: https} with proxy forwarding enabled).
     */
    @WithDefault("false")
    boolean secureCookies();

    /** {@code tailguard.review.login.*}. */
    interface Login {

        /** Failed logins of one user name within {@link #window()} before it is blocked (429). */
        @WithDefault("5")
        int maxFailuresPerUser();

        /** Failed logins from one client address within {@link #window()} before it is blocked (429). */
        @WithDefault("20")
        int maxFailuresPerAddress();

        /** Counting window and block length. */
        @WithDefault("PT5M")
        java.time.Duration window();

        /** Most user names and most client addresses tracked (each; least recently used evicted beyond). */
        @WithDefault("10000")
        int maxTracked();
    }
}
