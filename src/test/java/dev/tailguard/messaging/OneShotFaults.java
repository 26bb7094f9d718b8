package dev.tailguard.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Test {@link StageFaults}: when armed for a stage, its next attempt throws once; every attempt is recorded. */
@Alternative
@Priority(1)
@ApplicationScoped
public class OneShotFaults implements StageFaults {

    /** The stage whose next attempt fails, or null. */
    static final AtomicReference<String> ARMED = new AtomicReference<>();
    /** {@code stage eventId attempt} of every attempt. */
    static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAttempt(String stage, String eventId, int attempt) {
        ATTEMPTS.add(stage + " " + eventId + " " + attempt);
        if (ARMED.compareAndSet(stage, null)) {
            throw new IllegalStateException("injected one-shot failure in " + stage);
        }
    }
}
