package dev.tailguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tailguard.cloud.test.RealApiServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Server-side dry-run ({@code dryRun=All}) of every manifest under {@code k8s/} and of the chart
 * rendered by {@code .ci/helm-check.sh} against the real kube-apiserver of {@link RealApiServer}, with the Knative
 * Serving/Eventing CRDs installed: the API server validates each object against the real schemas (built-in types
 * and Knative CRDs), and nothing the manifest sets may be pruned as unknown. Namespaces are created first.
 */
class ServerDryRunTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path RENDERED = Path.of("target", "helm", "rendered");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Kinds without a namespace. */
    private static final Set<String> CLUSTER_KINDS = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding");
    /** The namespace each rendered file was rendered for (.ci/helm-check.sh). */
    private static final Map<String, String> RENDER_NAMESPACE = Map.of("other-release.yaml", "data-team");

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = RealApiServer.get().client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void everyK8sManifestIsAcceptedByTheServer() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(K8S)) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("k8s/*.yaml").hasSizeGreaterThan(5);
        int applied = 0;
        for (Path f : files) {
            applied += dryRunAll(f, "tailguard");
        }
        assertThat(applied).isGreaterThan(20);
        assertThat(RealApiServer.get().alive()).as("etcd and kube-apiserver still running; logs in %s",
                RealApiServer.get().dataDir()).isTrue();
    }

    @Test
    void everyRenderedChartIsAcceptedByTheServer() throws IOException {
        assertThat(RENDERED).as("helm output: run .ci/helm-check.sh first (CI does)").isDirectory();
        List<Path> files;
        try (Stream<Path> all = Files.list(RENDERED)) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("rendered chart files").isNotEmpty();
        for (Path f : files) {
            assertThat(dryRunAll(f, RENDER_NAMESPACE.getOrDefault(f.getFileName().toString(), "tailguard")))
                    .as("objects in %s", f).isGreaterThan(20);
        }
    }

    @Test
    void knativeServiceWithAWrongTypeIsRejectedWithTheServersMessage() throws IOException {
        ObjectNode service = (ObjectNode) documents(K8S.resolve("10-stages.yaml")).stream()
                .filter(d -> "Service".equals(d.path("kind").asText())
                        && d.path("apiVersion").asText().startsWith("serving.knative.dev/"))
                .findFirst().orElseThrow();
        ((ObjectNode) service.path("spec").path("template").path("spec")).put("containerConcurrency", "eight");
        RealApiServer.get().ensureNamespace(client, "tailguard");
        assertThatThrownBy(() -> dryRun(service, "tailguard"))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("containerConcurrency")
                .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isBetween(400, 499));
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsReportedAsPruned() throws IOException {
        ObjectNode service = (ObjectNode) documents(K8S.resolve("10-stages.yaml")).stream()
                .filter(d -> "Service".equals(d.path("kind").asText())
                        && d.path("apiVersion").asText().startsWith("serving.knative.dev/"))
                .findFirst().orElseThrow();
        ((ObjectNode) service.path("spec").path("template").path("spec")).put("timeoutSecondz", 600);
        RealApiServer.get().ensureNamespace(client, "tailguard");
        JsonNode accepted = dryRun(service, "tailguard");
        assertThat(pruned(service.path("spec"), accepted.path("spec"), "spec"))
                .containsExactly("spec.template.spec.timeoutSecondz");
    }

    /** Dry-runs every object of the file; returns how many. */
    private static int dryRunAll(Path file, String namespace) throws IOException {
        int n = 0;
        for (JsonNode doc : documents(file)) {
            String kind = doc.path("kind").asText();
            String ns = doc.path("metadata").path("namespace").asText(namespace);
            if (!CLUSTER_KINDS.contains(kind)) {
                RealApiServer.get().ensureNamespace(client, ns);
            }
            String what = file + ": " + kind + " " + doc.path("metadata").path("name").asText();
            JsonNode accepted;
            try {
                accepted = dryRun(doc, ns);
            } catch (KubernetesClientException e) {
                throw new AssertionError(what + " rejected by the API server: " + e.getMessage(), e);
            }
            for (String part : List.of("spec", "data", "rules", "roleRef", "subjects")) {
                if (doc.has(part)) {
                    assertThat(pruned(doc.path(part), accepted.path(part), part))
                            .as("%s: fields the server does not know (pruned)", what).isEmpty();
                }
            }
            n++;
        }
        return n;
    }

    /**
     * {@code dryRun=All} create (POST), or update (PUT at the current resourceVersion) when the object exists (the
     * CRD, namespaces); returns the object as the server would store it. Not server-side apply: a 1.20 server's
     * apply rejects Service ports without {@code protocol} (fixed in later releases), which create accepts.
     */
    private static JsonNode dryRun(JsonNode doc, String namespace) {
        GenericKubernetesResource r = client.getKubernetesSerialization().convertValue(doc,
                GenericKubernetesResource.class);
        if (!CLUSTER_KINDS.contains(r.getKind())) {
            r.getMetadata().setNamespace(namespace);
        }
        GenericKubernetesResource out;
        GenericKubernetesResource existing = client.resource(r).get();
        if (existing == null) {
            out = client.resource(r).dryRun().create();
        } else {
            r.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            out = client.resource(r).dryRun().update();
        }
        return client.getKubernetesSerialization().convertValue(out, JsonNode.class);
    }

    /** Paths set in {@code sent} that are missing from {@code stored} (keys only; values may be normalised). */
    private static List<String> pruned(JsonNode sent, JsonNode stored, String path) {
        List<String> out = new ArrayList<>();
        if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path + "." + e.getKey();
                if (e.getValue().isNull()) {
                    continue;
                }
                if (!stored.has(e.getKey())) {
                    out.add(p);
                } else {
                    out.addAll(pruned(e.getValue(), stored.get(e.getKey()), p));
                }
            }
        } else if (sent.isArray()) {
            if (!stored.isArray() || stored.size() != sent.size()) {
                out.add(path + "[]");
            } else {
                for (int i = 0; i < sent.size(); i++) {
                    out.addAll(pruned(sent.get(i), stored.get(i), path + "[" + i + "]"));
                }
            }
        }
        return out;
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && d.isObject() && d.has("kind")) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }
}
