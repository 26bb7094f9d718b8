package dev.tailguard.observability;

import dev.tailguard.core.progress.RunStatus;
import dev.tailguard.core.progress.RunStatusReader;
import dev.tailguard.core.store.ObjectStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /runs/{id}}: a run's {@link RunStatus} as JSON, read from the object store
 * ({@link RunStatusReader}: status, current stage, progress per stage in tasks and documents, the collapse verdict
 * once reported; a running stage's {@code documents_done} includes what its tasks running in this process have read,
 * {@link dev.tailguard.core.pipeline.runner.LiveDocuments}). 400 for an id that is not a valid run id, 404 for a run the store does not know. Read-only; the
 * body holds counts and the verdict, never document text or configuration.
 */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunStatusResource {

    private final RunStatusReader reader;

    public RunStatusResource(ObjectStore store) {
        this.reader = new RunStatusReader(store);
    }

    /** The run's status. */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Optional<RunStatus> status;
        try {
            status = reader.read(id);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "invalid run id: " + e.getMessage());
        }
        return status.map(s -> Response.ok(s.withLive(dev.tailguard.core.pipeline.runner.LiveDocuments.process())).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no run '" + id + "' in the object store"));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
