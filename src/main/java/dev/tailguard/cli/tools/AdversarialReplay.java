package dev.tailguard.cli.tools;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A black-box replay of issue 13's cases ({@code docs/adversarial-cases.md}) against a running server: each case
 * sends the adversarial request the issue describes, in the event and endpoint shapes that both the old build
 * (89058ef) and the current one accept, and judges the effect from the HTTP answers and from the store folder on
 * disk (files written, runs started, {@code report.json}). One {@link Outcome} per case: SAFE when the server did
 * what issue 13 asks, UNSAFE when it did not, SKIPPED when the case could not be set up against this server (the
 * reason is in the outcome). With a packaged jar the command-line cases run as well ({@link ReplayJarCases}).
 *
 * <p>The server must use the local store folder given in {@link Settings#store()} and require review
 * ({@code TAILGUARD_REVIEW_REQUIRED=true}); requests go to {@link Settings#base()} only, one at a time, each bounded
 * by {@link Settings#timeout()}.
 */
public final class AdversarialReplay {

    /** Judgement of one case. */
    public enum Verdict {
        /** The server refused or contained the adversarial request as issue 13 asks. */
        SAFE,
        /** The adversarial request got through. */
        UNSAFE,
        /** The case could not be set up against this server; the outcome says why. */
        SKIPPED
    }

    /**
     * One case's result.
     *
     * @param id       case id of {@code docs/adversarial-cases.md} (W1, W2a …)
     * @param sent     what was sent, in a few words
     * @param observed what the server answered and what changed in the store
     * @param verdict  SAFE, UNSAFE or SKIPPED
     */
    public record Outcome(String id, String sent, String observed, Verdict verdict) {
        /** One line: {@code id  verdict  sent -> observed}. */
        public String line() {
            return String.format("%-4s %-7s %s -> %s", id, verdict, sent, observed);
        }
    }

    /**
     * What to replay against.
     *
     * @param base     server base URL (loopback)
     * @param store    the server's local store folder (read to observe effects; the replay writes its inputs under
     *                 {@code incoming/} and one file next to the folder for the traversal notification)
     * @param jar      the packaged {@code quarkus-run.jar} of the same build, for the command-line cases
     * @param user     a reviewer account of the server (login, CSRF, logout, Origin cases), or null
     * @param password its password
     * @param token    the notification token of the server, or null
     * @param timeout  bound of each request
     */
    public record Settings(URI base, Path store, Optional<Path> jar, String user, String password, String token,
                           Duration timeout) {
        public Settings {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be > 0");
            }
        }
    }

    private AdversarialReplay() {
    }

    /** Runs every case in a fixed order (review-login guessing last: it locks the account) and returns the outcomes. */
    public static List<Outcome> run(Settings s) {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        ReplayHttp http = new ReplayHttp(s.base(), s.timeout());
        ReplayStore store = new ReplayStore(s.store());
        List<Outcome> out = new ArrayList<>();
        ReplayEventCases events = new ReplayEventCases(http, store, nonce, s);
        out.addAll(events.run());
        out.addAll(new ReplayNotificationCases(http, store, nonce, s.token()).run());
        out.addAll(new ReplayLoginCases(http, s.user(), s.password()).run());
        if (s.jar().isPresent()) {
            ReplayJarCases jar = new ReplayJarCases(s.jar().get(), nonce, s.timeout());
            out.addAll(jar.run());
            out.addAll(new ReplayLlmCases(jar, nonce).run());
        } else {
            out.add(new Outcome("W7*", "command-line cases", "no --jar given", Verdict.SKIPPED));
        }
        return out;
    }

    /**
     * Runs only the LLM cases (W6a-c, W8a-d) through {@code jar}'s {@code run} command against a fake OpenAI-format
     * server on loopback ({@link ReplayLlmCases}); no server of the build is needed.
     */
    public static List<Outcome> runLlm(Path jar, Duration timeout) {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        return new ReplayLlmCases(new ReplayJarCases(jar, nonce, timeout), nonce).run();
    }

    static Outcome safeIf(boolean safe, String id, String sent, String observed) {
        return new Outcome(id, sent, observed, safe ? Verdict.SAFE : Verdict.UNSAFE);
    }

    static Outcome skipped(String id, String sent, String why) {
        return new Outcome(id, sent, why, Verdict.SKIPPED);
    }
}
