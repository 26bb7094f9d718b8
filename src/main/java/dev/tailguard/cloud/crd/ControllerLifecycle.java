package dev.tailguard.cloud.crd;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the {@link SyntheticDataRunController} in the app when {@code tailguard.controller.enabled=true}
 * (the controller Deployment); inert otherwise, so stage pods never touch the Kubernetes API. Needs a
 * {@link RunLauncher} bean. Config: {@code tailguard.controller.namespace} (default: the client's namespace),
 * {@code tailguard.controller.resync} (default 30s). Readiness: {@link ControllerReadiness}.
 */
@ApplicationScoped
public class ControllerLifecycle {

    @ConfigProperty(name = "tailguard.controller.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "tailguard.controller.namespace")
    Optional<String> namespace;

    @ConfigProperty(name = "tailguard.controller.resync", defaultValue = "30s")
    Duration resync;

    @Inject
    Instance<KubernetesClient> clients;

    @Inject
    Instance<RunLauncher> launchers;

    private volatile SyntheticDataRunController controller;

    /** Whether the controller runs in this process. */
    public boolean enabled() {
        return enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (!launchers.isResolvable()) {
            throw new IllegalStateException("tailguard.controller.enabled=true but no RunLauncher bean is available: "
                    + "the pipeline must provide one (see dev.tailguard.cloud.crd.RunLauncher)");
        }
        KubernetesClient client = clients.get();
        String ns = namespace.filter(n -> !n.isBlank()).orElse(client.getNamespace());
        if (ns == null) {
            throw new IllegalStateException("tailguard.controller.namespace is not set and the Kubernetes client has "
                    + "no default namespace");
        }
        SyntheticDataRunController c = new SyntheticDataRunController(client, ns,
                new SyntheticDataRunReconciler(launchers.get(), Clock.systemUTC()), resync);
        c.start();
        controller = c;
    }

    void onStop(@Observes ShutdownEvent event) {
        SyntheticDataRunController c = controller;
        if (c != null) {
            c.close();
        }
    }

    /** Asks the controller to re-reconcile all runs (no-op when disabled). */
    public void refreshAll() {
        SyntheticDataRunController c = controller;
        if (c != null) {
            c.refreshAll();
        }
    }

    /** Whether the controller is running or not required in this process. */
    public boolean ready() {
        return !enabled || controller != null;
    }
}
