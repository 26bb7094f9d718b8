package dev.tailguard.cloud;

import dev.tailguard.function.KnownConfigKeys;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code TAILGUARD_*} environment name in {@code k8s/}, in the chart's sources (templates, values, CI values,
 * NOTES) and in the chart rendered by {@code .ci/helm-check.sh} is the environment form of a key the application
 * reads: a name no key reads is a setting silently lost (issue 13: {@code TAILGUARD_LLM_MODEL} was one).
 */
class EnvNamesKnownTest {

    private static final Pattern ENV = Pattern.compile("\\bTAILGUARD_[A-Z0-9_]+");
    private static final KnownConfigKeys KNOWN = KnownConfigKeys.ofApplication();

    @Test
    void k8sManifestsNameOnlyKnownKeys() throws IOException {
        assertKnown(Path.of("k8s"));
    }

    @Test
    void chartSourcesNameOnlyKnownKeys() throws IOException {
        assertKnown(Path.of("helm", "tailguard"));
    }

    @Test
    void renderedChartNamesOnlyKnownKeys() throws IOException {
        Path rendered = Path.of("target", "helm", "rendered");
        Assumptions.assumeTrue(Files.isDirectory(rendered),
                "helm output absent: run .ci/helm-check.sh first (CI does); skipping the rendered-chart check");
        assertKnown(rendered);
    }

    @Test
    void theCheckCatchesTheOldNames() {
        assertThat(KNOWN.isKnownEnv("TAILGUARD_LLM_MODEL")).isFalse();
        assertThat(KNOWN.isKnownEnv("TAILGUARD_LLM_BASE_URL")).isFalse();
        assertThat(KNOWN.isKnownEnv("TAILGUARD_GENERATE_LLM_MAX_TOKENS")).isTrue();
        assertThat(KNOWN.isKnownEnv("TAILGUARD_GENERATE_LLM_MODEL")).isTrue();
        assertThat(KNOWN.isKnownEnv("TAILGUARD_STORE")).isTrue();
    }

    private static void assertKnown(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Matcher m = ENV.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(m.group());
                    if (!KNOWN.isKnownEnv(m.group())) {
                        unknown.add(f + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("TAILGUARD_* names under " + dir).isNotEmpty();
        assertThat(unknown).as("TAILGUARD_* names no key reads, under " + dir).isEmpty();
    }
}
