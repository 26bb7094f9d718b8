package dev.tailguard.cloud.crd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code sdr-controller}: up when the controller runs, or when it is not enabled here. */
@Readiness
@ApplicationScoped
public class ControllerReadiness implements HealthCheck {

    @Inject
    ControllerLifecycle lifecycle;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sdr-controller").status(lifecycle.ready())
                .withData("enabled", lifecycle.enabled()).build();
    }
}
