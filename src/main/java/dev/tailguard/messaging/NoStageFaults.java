package dev.tailguard.messaging;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The production {@link StageFaults}: none. */
@ApplicationScoped
@DefaultBean
public class NoStageFaults implements StageFaults {

    @Override
    public void beforeAttempt(String stage, String eventId, int attempt) {
        // no injected faults
    }
}
