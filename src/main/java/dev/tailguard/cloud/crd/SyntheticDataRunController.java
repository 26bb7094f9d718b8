package dev.tailguard.cloud.crd;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSourceBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;

/**
 * Watches {@link SyntheticDataRun}s in one namespace with a Fabric8 informer and reconciles them one at a time on a
 * single worker thread: claims each new spec generation (optimistic lock on the status), launches it through the
 * {@link RunLauncher}, and refreshes the status from {@link RunLauncher#progress} on every resync or
 * {@link #refreshAll()} (called when {@code dev.tailguard.run.reported} arrives).
 */
public final class SyntheticDataRunController implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SyntheticDataRunController.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final SyntheticDataRunReconciler reconciler;
    private final Duration resync;
    private final Set<String> queue = new LinkedHashSet<>();
    /** Run ids this controller launched whose start may not be recorded in the status yet (never launched twice). */
    private final Set<String> launched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Attempts to record a status after a conflict (409) before giving up until the next reconcile. */
    static final int STATUS_WRITE_ATTEMPTS = 5;
    private SharedIndexInformer<SyntheticDataRun> informer;
    private Thread worker;
    private volatile boolean running;

    /**
     * @param resync how often every resource is re-reconciled (progress polling), e.g. 30 s
     */
    public SyntheticDataRunController(KubernetesClient client, String namespace, SyntheticDataRunReconciler reconciler,
                                      Duration resync) {
        this.client = Objects.requireNonNull(client);
        this.namespace = Objects.requireNonNull(namespace);
        this.reconciler = Objects.requireNonNull(reconciler);
        this.resync = Objects.requireNonNull(resync);
    }

    private MixedOperation<SyntheticDataRun, KubernetesResourceList<SyntheticDataRun>, Resource<SyntheticDataRun>> runs() {
        return client.resources(SyntheticDataRun.class);
    }

    /** Starts the informer and the worker. */
    public synchronized void start() {
        running = true;
        worker = new Thread(this::work, "sdr-controller");
        worker.setDaemon(true);
        worker.start();
        informer = runs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(SyntheticDataRun run) {
                enqueue(run.getMetadata().getName());
            }

            @Override
            public void onUpdate(SyntheticDataRun old, SyntheticDataRun run) {
                // spec changes (new generation) and periodic resyncs (same resourceVersion); not our own status
                // writes, so a failing launch is retried once per resync instead of in a hot loop
                boolean resync = Objects.equals(old.getMetadata().getResourceVersion(),
                        run.getMetadata().getResourceVersion());
                if (resync || !Objects.equals(old.getMetadata().getGeneration(), run.getMetadata().getGeneration())) {
                    enqueue(run.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(SyntheticDataRun run, boolean unknownFinalState) {
                // nothing to clean up: run outputs stay in the bucket
            }
        }, resync.toMillis());
        LOG.log(System.Logger.Level.INFO, "watching SyntheticDataRuns in namespace " + namespace);
    }

    /** Re-reconciles every known resource (e.g. after a {@code run.reported} event). */
    public void refreshAll() {
        if (informer != null) {
            informer.getStore().list().forEach(r -> enqueue(r.getMetadata().getName()));
        }
    }

    private void enqueue(String name) {
        synchronized (queue) {
            queue.add(name);
            queue.notifyAll();
        }
    }

    private void work() {
        while (running) {
            String name;
            synchronized (queue) {
                while (queue.isEmpty() && running) {
                    try {
                        queue.wait(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                name = queue.iterator().next();
                queue.remove(name);
            }
            try {
                reconcile(name);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "reconcile of SyntheticDataRun " + namespace + "/" + name
                        + " failed (retried on the next resync): " + e.getMessage(), e);
            }
        }
    }

    /** One reconciliation of the named resource (visible for tests). */
    void reconcile(String name) throws Exception {
        SyntheticDataRun run = runs().inNamespace(namespace).withName(name).get();
        for (int i = 0; run != null && i < 3; i++) {
            SyntheticDataRunReconciler.Step step = reconciler.next(run);
            if (step instanceof SyntheticDataRunReconciler.Nothing) {
                return;
            }
            if (step instanceof SyntheticDataRunReconciler.Claim claim) {
                run.setStatus(claim.status());
                try {
                    // resourceVersion from the read above: a concurrent change makes this fail with 409
                    run = runs().inNamespace(namespace).resource(run).updateStatus();
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        enqueue(name);
                        return;
                    }
                    throw e;
                }
            } else if (step instanceof SyntheticDataRunReconciler.Launch launch) {
                // a launch whose status write failed (409, API server away) is recorded, never repeated
                boolean again = launched.contains(launch.runId());
                SyntheticDataRunStatus next = again ? reconciler.launched(launch, run.getStatus())
                        : reconciler.launch(launch, run.getStatus());
                boolean started = SyntheticDataRunStatus.RUNNING.equals(next.phase());
                if (started) {
                    launched.add(launch.runId());
                }
                run = writeStatus(name, next);
                launched.remove(launch.runId());
                if (!again) {
                    record(run, started ? "Normal" : "Warning", started ? "RunRequested" : "LaunchFailed",
                            next.message());
                }
                if (!started) {
                    return;
                }
            } else if (step instanceof SyntheticDataRunReconciler.Update update) {
                String before = run.getStatus().phase();
                run = writeStatus(name, update.status());
                String after = update.status().phase();
                if (!Objects.equals(before, after)) {
                    boolean failed = SyntheticDataRunStatus.FAILED.equals(after);
                    record(run, failed ? "Warning" : "Normal", "Run" + after,
                            update.status().message() == null ? "run " + after.toLowerCase(java.util.Locale.ROOT)
                                    : update.status().message());
                }
                return;
            }
        }
    }

    /** A core/v1 Event on the resource (visible in kubectl describe sdr); failures to record are only logged. */
    private void record(SyntheticDataRun run, String type, String reason, String message) {
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(run.getMetadata().getName() + "-").endMetadata()
                    .withType(type).withReason(reason).withMessage(message)
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(run.getApiVersion())
                            .withKind(run.getKind()).withName(run.getMetadata().getName()).withNamespace(namespace)
                            .withUid(run.getMetadata().getUid()).withResourceVersion(run.getMetadata().getResourceVersion())
                            .build())
                    .withSource(new EventSourceBuilder().withComponent("tailguard-controller").build())
                    .withFirstTimestamp(java.time.Instant.now().toString())
                    .withLastTimestamp(java.time.Instant.now().toString())
                    .withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record event " + reason + " for " + namespace + "/"
                    + run.getMetadata().getName() + ": " + e.getMessage());
        }
    }

    /**
     * Writes the status with optimistic locking on a fresh read; a conflict (409: another writer changed the
     * resource in between) re-reads and writes again, up to {@value #STATUS_WRITE_ATTEMPTS} times.
     *
     * @throws KubernetesClientException when the resource is gone or the conflicts persist
     */
    private SyntheticDataRun writeStatus(String name, SyntheticDataRunStatus status) {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < STATUS_WRITE_ATTEMPTS; attempt++) {
            SyntheticDataRun current = runs().inNamespace(namespace).withName(name).get();
            if (current == null) {
                throw new KubernetesClientException("SyntheticDataRun " + namespace + "/" + name + " is gone");
            }
            current.setStatus(status);
            try {
                return runs().inNamespace(namespace).resource(current).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (informer != null) {
            informer.close();
        }
        if (worker != null) {
            worker.interrupt();
        }
    }
}
