package dev.tailguard.messaging;

import java.util.List;

/**
 * The answer of a stage function whose tasks run on a transport ({@code tailguard.tasks.transport=sink|kafka}):
 * the stage was planned and its task events were handed over; the stage's merge emits the next event.
 *
 * @param runId  run id
 * @param stage  the stage planned
 * @param plan   store key of the stage plan ({@code runs/<id>/work/<stage>/plan.json})
 * @param events ids of the events published (one per task; the merge event when the stage had no task or was
 *               already merged)
 */
public record StageStarted(String runId, String stage, String plan, List<String> events) {

    public StageStarted {
        events = List.copyOf(events);
    }
}
