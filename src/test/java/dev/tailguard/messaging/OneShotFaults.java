package dev.tailguard.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test {@link StageFaults}: armed with {@code <stage>} the stage's next attempt throws before it runs; armed with
 * {@code <stage>:after} it throws once after the stage has written its output. Every attempt is recorded.
 */
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
        if (disarm(stage)) {
            throw new IllegalStateException("injected one-shot failure in " + stage);
        }
    }

    @Override
    public void afterStage(String stage, String eventId, int attempt) {
        if (disarm(stage + ":after")) {
            throw new IllegalStateException("injected one-shot failure after " + stage + " wrote its output");
        }
    }

    /** Clears the trigger if it equals {@code name} (by value: compareAndSet compares references). */
    private static boolean disarm(String name) {
        String armed = ARMED.get();
        return name.equals(armed) && ARMED.compareAndSet(armed, null);
    }
}
