package dev.tailguard.adversarial;

import dev.tailguard.cli.TailguardCommand;
import dev.tailguard.core.review.login.PasswordHash;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tailguard bench adversarial} against this build's server on loopback (issue 13, docs/adversarial-cases.md):
 * every HTTP case of the table is replayed black-box and judged SAFE. The server runs with review required, a store
 * folder of its own and one reviewer account from a users file written at boot (no demo accounts), as a deployment
 * would; the command-line cases need the packaged jar and are SKIPPED here (the table's "this
 * build, run" column covers them with the jar).
 */
@QuarkusTest
@TestProfile(AdversarialReplayTest.Profile.class)
class AdversarialReplayTest {

    /** The HTTP cases the replay must judge (every row of the table that a running server can show). */
    static final List<String> HTTP_CASES = List.of("W1", "W2a", "W2b", "W2c", "W2d", "W3a", "W3b", "W4a", "W4b",
            "W5b", "W5c", "W5d", "W5e", "W5f");

    /** Review required, a store and a users file of its own; the reviewer's password is random per JVM. */
    public static class Profile implements QuarkusTestProfile {
        static final long PID = ProcessHandle.current().pid();
        static final Path STORE = Path.of("target/adversarial-replay-store-" + PID).toAbsolutePath();
        static final Path USERS = Path.of("target/adversarial-replay-users-" + PID).toAbsolutePath();
        static final Path PASSWORD = Path.of("target/adversarial-replay-password-" + PID).toAbsolutePath();
        static final String USER = "replayer";

        @Override
        public Map<String, String> getConfigOverrides() {
            char[] password = ("replay-" + Long.toHexString(Double.doubleToLongBits(Math.random()))).toCharArray();
            try {
                Files.createDirectories(STORE);
                Files.writeString(PASSWORD, new String(password));
                Files.writeString(USERS, USER + ":" + PasswordHash.pbkdf2(password, PasswordHash.MIN_ITERATIONS) + ":reviewer\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                Arrays.fill(password, '\0');
            }
            return Map.of(
                    "quarkus.http.test-port", "0",
                    "tailguard.store.root", STORE.toString(),
                    "tailguard.review.users-file", USERS.toString(),
                    "tailguard.review.required", "true",
                    "tailguard.review.sample-size", "4");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyReplayedCaseIsSafeOnThisBuild() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TailguardCommand.commandLine(o -> 0);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("bench", "adversarial", "--url", base.toString().replaceAll("/$", ""),
                "--store", Profile.STORE.toString(), "--user", Profile.USER,
                "--password-file", Profile.PASSWORD.toString(), "--timeout", "60");

        List<String> lines = out.toString().lines().toList();
        assertThat(code).as(out + "\n" + err).isZero();
        for (String id : HTTP_CASES) {
            assertThat(lines).as("case %s was replayed and judged SAFE:%n%s", id, out)
                    .anyMatch(l -> l.startsWith(String.format("%-4s %-7s ", id, "SAFE")));
        }
        assertThat(lines).as("nothing UNSAFE").noneMatch(l -> l.contains(" UNSAFE "));
        assertThat(lines).as("only the command-line cases are skipped (no jar here)")
                .filteredOn(l -> l.contains(" SKIPPED ")).hasSize(1).allMatch(l -> l.startsWith("W7*"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("cases " + (HTTP_CASES.size() + 1) + ": "
                + HTTP_CASES.size() + " SAFE, 0 UNSAFE, 1 SKIPPED");
    }

    @Test
    void aNonLoopbackUrlOrAMissingStoreIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cl = TailguardCommand.commandLine(o -> 0);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("bench", "adversarial", "--url", "http://example.org:8080", "--store", "."))
                .isEqualTo(TailguardCommand.USAGE);
        assertThat(err.toString()).contains("--url").contains("loopback");
        assertThat(cl.execute("bench", "adversarial", "--url", "http://127.0.0.1:1", "--store", "target/no-such-store"))
                .isEqualTo(TailguardCommand.USAGE);
        assertThat(err.toString()).contains("--store");
    }
}
