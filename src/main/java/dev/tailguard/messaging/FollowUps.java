package dev.tailguard.messaging;

import java.util.List;

import dev.tailguard.core.pipeline.runner.EventPublisher;
import dev.tailguard.core.pipeline.runner.StageEvent;
import dev.tailguard.core.pipeline.runner.StageRunner;

/**
 * What a task transport does with the events that follow a handled step ({@link StageRunner.Handled}): publish them
 * in the same protocol ({@link #of}), or, in the deployed application, hand a merged stage over to the next stage's
 * function ({@link StageBoundary}).
 */
@FunctionalInterface
public interface FollowUps {

    /**
     * Publishes what follows the step; returns once everything was handed over (throws otherwise, so the step is
     * redelivered: steps are idempotent and re-publish what they produced).
     *
     * @param handled the event that was handled
     * @param result  what handling it produced
     * @return the ids of the events published
     */
    List<String> publish(StageEvent handled, StageRunner.Handled result);

    /** Every follow-up event to {@code publisher}, in the task protocol (plan → tasks → merge → next plan). */
    static FollowUps of(EventPublisher publisher) {
        return (handled, result) -> {
            result.next().forEach(publisher::publish);
            return result.next().stream().map(StageEvent::id).toList();
        };
    }
}
