package dev.tailguard.review;

import dev.tailguard.core.io.Json;
import dev.tailguard.core.pipeline.Events;
import dev.tailguard.core.review.Decision;
import dev.tailguard.core.review.ResumeEmitter;
import dev.tailguard.core.review.ReviewBatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Resumes a paused run on a cluster: posts the stored {@code dev.tailguard.synthetic.scored} event as a binary-mode
 * CloudEvent to the sink (a Knative broker), with extension {@code tailguardreview=approved}; the broker routes it
 * to the blend service, whose {@link ReviewGate} finds the stored approval and lets it through. Rejections emit
 * nothing (the run ends; its batch is quarantined).
 */
final class HttpResumeEmitter implements ResumeEmitter {

    private final URI sink;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpResumeEmitter(URI sink) {
        this.sink = sink;
    }

    @Override
    public void approved(ReviewBatch batch, Decision decision) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(sink).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", batch.batchId() + "-approved")
                .header("ce-type", Events.SYNTHETIC_SCORED)
                .header("ce-source", Events.SOURCE + "review")
                .header("ce-subject", batch.runId())
                .header("ce-tailguardreview", "approved")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(batch.resumeEvent())))
                .build();
        HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
            throw new IOException("sink " + sink + " answered HTTP " + resp.statusCode());
        }
    }
}
