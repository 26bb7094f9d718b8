package dev.tailguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tailguard.cloud.crd.SyntheticDataRun;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Parses every manifest in {@code k8s/} and the chart rendered by {@code .ci/helm-check.sh} (into
 * {@code target/helm/rendered/}) into typed Fabric8 models (core, apiextensions, Knative) and fails on unknown
 * kinds and unknown fields; then checks the wiring (triggers route each event type to its consuming stage, ...).
 */
class ManifestValidationTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path RENDERED = Path.of("target", "helm", "rendered");

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition", CustomResourceDefinition.class),
            Map.entry("serving.knative.dev/v1/Service", Service.class),
            Map.entry("eventing.knative.dev/v1/Broker", Broker.class),
            Map.entry("eventing.knative.dev/v1/Trigger", Trigger.class),
            Map.entry("sources.knative.dev/v1/SinkBinding", SinkBinding.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("tailguard.dev/v1alpha1/SyntheticDataRun", SyntheticDataRun.class));

    /** Event type -> the stage (QUARKUS_FUNQY_EXPORT) that consumes it. */
    private static final Map<String, String> CONSUMERS = Map.of(
            "dev.tailguard.run.requested", "generate",
            "dev.tailguard.synthetic.generated", "score",
            "dev.tailguard.synthetic.scored", "blend",
            "dev.tailguard.dataset.blended", "report");
    private static final String REPORTED = "dev.tailguard.run.reported";
    /** CloudEvent type of stage task events. */
    private static final String TASK_TYPE = dev.tailguard.core.pipeline.runner.StageEvent.TYPE;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    @Test
    void plainManifestsAreTypedAndWired() throws IOException {
        List<HasMetadata> all = load(K8S);
        checkWiring(all);
        List<SyntheticDataRun> runs = of(all, SyntheticDataRun.class);
        assertThat(runs).as("k8s/examples/run.yaml").hasSize(1);
        checkRunAgainstCrd(runs.get(0), single(all, CustomResourceDefinition.class));
    }

    @Test
    void chartShipsTheSameCrdAsK8s() throws IOException {
        assertThat(Files.readString(Path.of("helm", "tailguard", "crds", "syntheticdatarun.yaml")))
                .as("helm/tailguard/crds/syntheticdatarun.yaml must be a copy of k8s/01-crd-syntheticdatarun.yaml")
                .isEqualTo(Files.readString(K8S.resolve("01-crd-syntheticdatarun.yaml")));
    }

    @Test
    void renderedChartIsTypedAndWired() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(RENDERED),
                "helm output absent: run .ci/helm-check.sh first (CI does); skipping the rendered-chart check");
        try (Stream<Path> files = Files.list(RENDERED)) {
            List<Path> rendered = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(rendered).as("rendered chart files").isNotEmpty();
            for (Path f : rendered) {
                checkWiring(load(f));
            }
        }
    }

    @Test
    void defaultChartRendersTheSameObjectsAsK8s() throws IOException {
        Path rendered = RENDERED.resolve("default.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(rendered),
                "helm output absent: run .ci/helm-check.sh first (CI does); skipping the chart/k8s parity check");
        Set<String> plain = names(load(K8S).stream()
                .filter(o -> !(o instanceof Namespace) && !(o instanceof SyntheticDataRun)).toList());
        assertThat(names(load(rendered))).as("helm template tailguard (release 'tailguard') vs k8s/")
                .isEqualTo(plain);
    }

    private static Set<String> names(List<HasMetadata> objects) {
        List<String> all = objects.stream().map(o -> o.getApiVersion() + "/" + o.getKind() + "/"
                + o.getMetadata().getName()).sorted().toList();
        assertThat(all).as("no duplicate objects").doesNotHaveDuplicates();
        return new java.util.TreeSet<>(all);
    }

    @Test
    void unknownFieldsAndKindsAreRejected() {
        JsonNode typo = read("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - image: i
                          livenesProbe: {httpGet: {path: /q/health/live}}
                """);
        assertThat(problems(typo, "typo.yaml")).singleElement().asString()
                .contains("typo.yaml").contains("livenesProbe");
        JsonNode wrongKind = read("apiVersion: serving.knative.dev/v1alpha1\nkind: Service\nmetadata: {name: x}\n");
        assertThat(problems(wrongKind, "old.yaml")).singleElement().asString()
                .contains("unsupported apiVersion/kind serving.knative.dev/v1alpha1/Service");
        JsonNode badRun = read("""
                apiVersion: tailguard.dev/v1alpha1
                kind: SyntheticDataRun
                metadata: {name: r}
                spec: {inputs: [a.jsonl], blend: {ratio: 0.3}}
                """);
        assertThat(problems(badRun, "run.yaml")).singleElement().asString().contains("ratio");
    }

    // ---------------------------------------------------------------- parsing

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<HasMetadata> load(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(files).as("manifests under " + root).isNotEmpty();
        List<HasMetadata> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                int i = 0;
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    i++;
                    if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                        continue;
                    }
                    String where = f + " document " + i;
                    List<String> p = problems(doc, where);
                    if (p.isEmpty()) {
                        out.add(toTyped(doc));
                    }
                    problems.addAll(p);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("invalid manifests:\n  " + String.join("\n  ", problems));
        }
        return out;
    }

    private static HasMetadata toTyped(JsonNode doc) {
        try {
            return STRICT.treeToValue(doc, KINDS.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Empty when the document is a known kind without unknown fields. */
    private static List<String> problems(JsonNode doc, String where) {
        String gvk = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(gvk);
        if (type == null) {
            return List.of(where + ": unsupported apiVersion/kind " + gvk);
        }
        Object typed;
        try {
            typed = STRICT.treeToValue(doc, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(where + " (" + gvk + "): " + e.getOriginalMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, doc.path("metadata").path("name").asText(), problems);
        JsonNode back = STRICT.valueToTree(typed);
        for (String path : leafPaths(doc, "")) {
            if (!present(back, path)) {
                problems.add(path + " was dropped by the typed model (unknown field)");
            }
        }
        return problems.stream().map(p -> where + " (" + gvk + "): " + p).toList();
    }

    /** Fabric8 models keep unknown JSON fields in additionalProperties instead of failing: any entry is an error. */
    private static void unknownFields(Object o, String path, List<String> problems) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || o instanceof JsonNode || o.getClass().isPrimitive()) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                unknownFields(v, path + "[" + i++ + "]", problems);
            }
            return;
        }
        Class<?> cls = o.getClass();
        if (!cls.getName().startsWith("io.fabric8.") && !cls.getName().startsWith("dev.tailguard.")) {
            return;
        }
        if (cls.isRecord()) {
            for (RecordComponent rc : cls.getRecordComponents()) {
                unknownFields(invoke(rc.getAccessor(), o), path + "." + rc.getName(), problems);
            }
            return;
        }
        for (Method m : cls.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) invoke(m, o);
                if (extra != null && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else if (m.getName().startsWith("get") && m.getName().length() > 3 && !m.getName().equals("getClass")
                    && m.getDeclaringClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                    || m.getName().startsWith("get") && (m.getDeclaringClass().getName().startsWith("io.fabric8.knative")
                    || m.getDeclaringClass().getName().startsWith("dev.tailguard"))) {
                unknownFields(invoke(m, o), path + "." + Character.toLowerCase(m.getName().charAt(3))
                        + m.getName().substring(4), problems);
            } else if (m.getName().equals("getSpec") || m.getName().equals("getStatus") || m.getName().equals("getMetadata")) {
                unknownFields(invoke(m, o), path + "." + m.getName().substring(3).toLowerCase(), problems);
            }
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> leafPaths(JsonNode n, String path) {
        List<String> out = new ArrayList<>();
        if (n.isObject() && !n.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.addAll(leafPaths(e.getValue(), path + "/" + e.getKey().replace("~", "~0").replace("/", "~1")));
            }
        } else if (n.isArray() && !n.isEmpty()) {
            for (int i = 0; i < n.size(); i++) {
                out.addAll(leafPaths(n.get(i), path + "/" + i));
            }
        } else if (!n.isNull()) {
            out.add(path);
        }
        return out;
    }

    private static boolean present(JsonNode root, String pointer) {
        return !root.at(pointer).isMissingNode();
    }

    // ---------------------------------------------------------------- wiring

    private static <T> List<T> of(List<HasMetadata> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> T single(List<HasMetadata> all, Class<T> type) {
        List<T> l = of(all, type);
        assertThat(l).as("exactly one " + type.getSimpleName()).hasSize(1);
        return l.get(0);
    }

    private static Optional<String> env(Container c, String name) {
        return Optional.ofNullable(c.getEnv()).orElse(List.of()).stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).filter(Objects::nonNull).findFirst();
    }

    private static void checkWiring(List<HasMetadata> all) {
        Map<String, Service> ksvcs = of(all, Service.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        Set<String> coreServices = of(all, io.fabric8.kubernetes.api.model.Service.class).stream()
                .map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> serviceAccounts = of(all, ServiceAccount.class).stream().map(s -> s.getMetadata().getName())
                .collect(Collectors.toSet());

        // one Knative Service per stage from one image, selected by QUARKUS_FUNQY_EXPORT
        Map<String, Service> byStage = ksvcs.values().stream()
                .filter(s -> env(s.getSpec().getTemplate().getSpec().getContainers().get(0), "QUARKUS_FUNQY_EXPORT").isPresent())
                .collect(Collectors.toMap(s -> env(s.getSpec().getTemplate().getSpec().getContainers().get(0),
                        "QUARKUS_FUNQY_EXPORT").orElseThrow(), s -> s));
        assertThat(byStage.keySet()).containsExactlyInAnyOrder("generate", "score", "blend", "report");
        checkStagePolicy(all, byStage, ksvcs);
        assertThat(byStage.values().stream().map(s -> s.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getImage()).distinct()).as("one image for all stages").hasSize(1);
        for (Map.Entry<String, Service> e : byStage.entrySet()) {
            String stage = e.getKey();
            var template = e.getValue().getSpec().getTemplate();
            Map<String, String> ann = template.getMetadata().getAnnotations();
            assertThat(ann).as(stage + " autoscaling").containsKeys("autoscaling.knative.dev/target",
                    "autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/max-scale");
            int min = Integer.parseInt(ann.get("autoscaling.knative.dev/min-scale"));
            int max = Integer.parseInt(ann.get("autoscaling.knative.dev/max-scale"));
            assertThat(min).as(stage + " min-scale <= max-scale").isLessThanOrEqualTo(max);
            if (stage.equals("generate") || stage.equals("report")) {
                assertThat(min).as(stage + " scales to zero").isZero();
            }
            Container c = template.getSpec().getContainers().get(0);
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getResources().getRequests()).as(stage + " requests").containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(stage + " limits").containsKeys("cpu", "memory");
            assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080);
            assertThat(serviceAccounts).contains(template.getSpec().getServiceAccountName());
        }
        // Knative rejects a revision timeout above max-revision-timeout-seconds (default 600)
        for (Service s : ksvcs.values()) {
            Long timeout = s.getSpec().getTemplate().getSpec().getTimeoutSeconds();
            assertThat(timeout == null ? 0 : timeout).as(s.getMetadata().getName() + " timeoutSeconds").isBetween(0L, 600L);
        }
        // a stage answers when it is done: without responseStartTimeoutSeconds the activator cuts it off after 300 s
        for (String stage : CONSUMERS.values().stream().distinct().toList()) {
            Service s = ksvcs.values().stream().filter(k -> k.getMetadata().getName().endsWith("-" + stage))
                    .findFirst().orElseThrow();
            var spec = s.getSpec().getTemplate().getSpec();
            assertThat(spec.getResponseStartTimeoutSeconds()).as(stage + " responseStartTimeoutSeconds")
                    .isNotNull().isGreaterThan(300L).isLessThanOrEqualTo(spec.getTimeoutSeconds());
        }

        Broker broker = single(all, Broker.class);
        checkTaskTriggers(all, byStage, broker);
        // one Trigger per event type, to the stage that consumes it (the task triggers checked above aside)
        List<Trigger> triggers = of(all, Trigger.class).stream()
                .filter(t -> !TASK_TYPE.equals(t.getSpec().getFilter().getAttributes().get("type"))).toList();
        Map<String, List<Trigger>> byType = triggers.stream()
                .collect(Collectors.groupingBy(t -> t.getSpec().getFilter().getAttributes().get("type")));
        Set<String> types = new java.util.HashSet<>(CONSUMERS.keySet());
        types.add(REPORTED);
        assertThat(byType.keySet()).isEqualTo(types);
        byType.forEach((type, ts) -> assertThat(ts).as("triggers for " + type).hasSize(1));
        for (Trigger t : triggers) {
            assertThat(t.getSpec().getBroker()).isEqualTo(broker.getMetadata().getName());
            var ref = t.getSpec().getSubscriber().getRef();
            String type = t.getSpec().getFilter().getAttributes().get("type");
            if (CONSUMERS.containsKey(type)) {
                assertThat(ref.getApiVersion() + "/" + ref.getKind()).isEqualTo("serving.knative.dev/v1/Service");
                assertThat(ksvcs).as("subscriber of " + type).containsKey(ref.getName());
                assertThat(byStage.get(CONSUMERS.get(type)).getMetadata().getName()).as(type + " consumer")
                        .isEqualTo(ref.getName());
            } else {
                assertThat(coreServices).as("controller Service for " + type).contains(ref.getName());
            }
        }

        // dead-letter sink exists
        var dls = broker.getSpec().getDelivery().getDeadLetterSink().getRef();
        assertThat(ksvcs).as("dead-letter sink").containsKey(dls.getName());
        assertThat(broker.getSpec().getDelivery().getRetry()).isPositive();

        // sink bindings point at the broker and at existing subjects
        for (SinkBinding sb : of(all, SinkBinding.class)) {
            assertThat(sb.getSpec().getSink().getRef().getKind()).isEqualTo("Broker");
            assertThat(sb.getSpec().getSink().getRef().getName()).isEqualTo(broker.getMetadata().getName());
            String subject = sb.getSpec().getSubject().getName();
            boolean exists = sb.getSpec().getSubject().getKind().equals("Deployment")
                    ? of(all, Deployment.class).stream().anyMatch(d -> d.getMetadata().getName().equals(subject))
                    : ksvcs.containsKey(subject);
            assertThat(exists).as("SinkBinding subject " + subject).isTrue();
        }

        // least-privilege RBAC for the controller
        Role role = single(all, Role.class);
        assertThat(role.getRules()).extracting(ManifestValidationTest::rule).containsExactlyInAnyOrder(
                "tailguard.dev syntheticdataruns [get, list, watch, update, patch]",
                "tailguard.dev syntheticdataruns/status [get, update, patch]",
                " events [create, patch]");
        RoleBinding binding = single(all, RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        Deployment controller = single(all, Deployment.class);
        assertThat(binding.getSubjects()).extracting(s -> s.getName())
                .containsExactly(controller.getSpec().getTemplate().getSpec().getServiceAccountName());

        // every stage reads the ConfigMap (defined here) and a Secret (defined here, or an existing one)
        Set<String> configMaps = of(all, ConfigMap.class).stream().map(c -> c.getMetadata().getName())
                .collect(Collectors.toSet());
        for (Service s : byStage.values()) {
            var envFrom = s.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom();
            assertThat(envFrom.stream().filter(e -> e.getConfigMapRef() != null).map(e -> e.getConfigMapRef().getName()))
                    .isNotEmpty().allMatch(configMaps::contains);
            assertThat(envFrom.stream().filter(e -> e.getSecretRef() != null).map(e -> e.getSecretRef().getName()))
                    .singleElement().asString().isNotBlank();
        }

        // the CRD
        CustomResourceDefinition crd = single(all, CustomResourceDefinition.class);
        assertThat(crd.getSpec().getGroup()).isEqualTo(SyntheticDataRun.GROUP);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("sdr");
        assertThat(crd.getMetadata().getName())
                .isEqualTo(io.fabric8.kubernetes.client.CustomResource.getCRDName(SyntheticDataRun.class));
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
        assertThat(v.getName()).isEqualTo(SyntheticDataRun.VERSION);
        assertThat(v.getSubresources().getStatus()).isNotNull();
        assertThat(v.getAdditionalPrinterColumns()).extracting(c -> c.getName()).contains("Phase", "Synthetic", "Risk");
        JSONSchemaProps status = v.getSchema().getOpenAPIV3Schema().getProperties().get("status");
        assertThat(status.getProperties()).containsKeys("phase", "counts", "syntheticRatio", "collapseRisk",
                "reportLocation", "conditions", "observedGeneration");
        JSONSchemaProps spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertThat(spec.getProperties()).containsKeys("inputs", "generator", "blend", "gates");
    }

    /**
     * Task events (issue 12): with {@code TAILGUARD_TASKS_TRANSPORT=sink} one Trigger per stage filters the task type
     * and the stage's source {@code /tailguard/<stage>} and delivers to {@code POST /tasks} of that stage's Service,
     * and every stage Service gets {@code K_SINK} from a SinkBinding to the Broker; with another transport there is no
     * task Trigger.
     */
    /**
     * The NetworkPolicy of the stage pods (POST / and POST /tasks have no authentication of their own) selects the
     * pod template of every stage Service and of no other Service, admits ingress only from namespaces, and names
     * Knative's activator namespace.
     */
    private static void checkStagePolicy(List<HasMetadata> all, Map<String, Service> byStage, Map<String, Service> ksvcs) {
        var policies = of(all, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        assertThat(policies).as("one NetworkPolicy for the stage pods").hasSize(1);
        var spec = policies.get(0).getSpec();
        assertThat(spec.getPolicyTypes()).containsExactly("Ingress");
        for (Service s : ksvcs.values()) {
            Map<String, String> labels = s.getSpec().getTemplate().getMetadata().getLabels();
            boolean selected = spec.getPodSelector().getMatchExpressions().stream()
                    .allMatch(e -> "In".equals(e.getOperator()) && e.getValues().contains(labels.get(e.getKey())));
            assertThat(selected).as("policy selects the pods of %s", s.getMetadata().getName())
                    .isEqualTo(byStage.containsValue(s));
        }
        assertThat(spec.getIngress()).hasSize(1);
        var from = spec.getIngress().get(0).getFrom();
        assertThat(from).allMatch(p -> p.getNamespaceSelector() != null && p.getPodSelector() == null
                && p.getIpBlock() == null);
        assertThat(from.get(0).getNamespaceSelector().getMatchExpressions().get(0).getValues()).contains("knative-serving");
    }

    private static void checkTaskTriggers(List<HasMetadata> all, Map<String, Service> byStage, Broker broker) {
        String transport = of(all, ConfigMap.class).stream().map(ConfigMap::getData).filter(Objects::nonNull)
                .map(d -> d.get("TAILGUARD_TASKS_TRANSPORT")).filter(Objects::nonNull).findFirst().orElse("local");
        List<Trigger> tasks = of(all, Trigger.class).stream()
                .filter(t -> TASK_TYPE.equals(t.getSpec().getFilter().getAttributes().get("type"))).toList();
        if (!"sink".equals(transport)) {
            assertThat(tasks).as("task Triggers with TAILGUARD_TASKS_TRANSPORT=" + transport).isEmpty();
            return;
        }
        Map<String, Trigger> bySource = tasks.stream().collect(Collectors.toMap(
                t -> t.getSpec().getFilter().getAttributes().get("source"), t -> t));
        assertThat(bySource.keySet()).as("one task Trigger per stage").containsExactlyInAnyOrder(
                "/tailguard/generate", "/tailguard/score", "/tailguard/blend", "/tailguard/report");
        Set<String> bound = of(all, SinkBinding.class).stream().map(b -> b.getSpec().getSubject().getName())
                .collect(Collectors.toSet());
        byStage.forEach((stage, svc) -> {
            Trigger t = bySource.get("/tailguard/" + stage);
            assertThat(t.getSpec().getBroker()).isEqualTo(broker.getMetadata().getName());
            assertThat(t.getSpec().getSubscriber().getRef().getName()).as("task subscriber of " + stage)
                    .isEqualTo(svc.getMetadata().getName());
            assertThat(t.getSpec().getSubscriber().getUri()).as("task path of " + stage).isEqualTo("/tasks");
            assertThat(bound).as("K_SINK SinkBinding of " + stage).contains(svc.getMetadata().getName());
        });
    }

    private static String rule(PolicyRule r) {
        return String.join(",", r.getApiGroups()) + " " + String.join(",", r.getResources()) + " " + r.getVerbs();
    }

    private static void checkRunAgainstCrd(SyntheticDataRun run, CustomResourceDefinition crd) {
        JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties()
                .get("spec");
        List<String> strategies = spec.getProperties().get("blend").getProperties().get("strategy").getEnum()
                .stream().map(JsonNode::asText).toList();
        assertThat(strategies).contains(run.getSpec().blend().strategy());
        JSONSchemaProps gate = spec.getProperties().get("gates").getItems().getSchema();
        List<String> stages = gate.getProperties().get("stage").getEnum().stream().map(JsonNode::asText).toList();
        List<String> onFail = gate.getProperties().get("onFail").getEnum().stream().map(JsonNode::asText).toList();
        run.getSpec().gates().forEach(g -> {
            assertThat(stages).contains(g.stage());
            assertThat(onFail).contains(g.onFail());
        });
        assertThat(run.getSpec().inputs()).isNotEmpty().allMatch(k -> k.endsWith(".jsonl") || k.endsWith(".jsonl.zst"));
        assertThat(run.getSpec().blend().syntheticRatio()).isBetween(0.0, 0.999);
    }
}
